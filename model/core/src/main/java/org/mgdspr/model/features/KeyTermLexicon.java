package org.mgdspr.model.features;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Key terms for the paper's relevance control (§4.3, spec §7): brands, leaf categories, categories and colours.
 * {@link #detect} finds them in a query with the same analyzer the model uses (English: stemmed words; Chinese:
 * characters, so detection does not depend on how the segmenter cut the query), longest match first, left to
 * right, without overlaps.
 *
 * <p>Ships inside the model artifact as JSON ({@link #toJson}); on load every term is re-analyzed, so the stored
 * {@code normalized} field is informative only. Immutable and thread-safe.
 */
public final class KeyTermLexicon {

    /** Colour words detected for every English catalog. */
    public static final List<String> EN_COLOURS = List.of("red", "orange", "yellow", "green", "blue", "purple",
        "pink", "brown", "black", "white", "grey", "gray", "beige", "navy", "silver", "gold", "khaki", "ivory",
        "maroon", "teal", "turquoise", "burgundy", "olive", "cream", "tan", "charcoal", "bronze", "copper");

    /** Colour words detected for every Chinese catalog (two-character forms: one character is too ambiguous). */
    public static final List<String> ZH_COLOURS = List.of("红色", "橙色", "黄色", "绿色", "蓝色", "紫色", "粉色",
        "棕色", "黑色", "白色", "灰色", "米色", "藏青色", "银色", "金色", "卡其色", "酒红色", "咖啡色", "粉红色",
        "天蓝色", "深蓝色", "浅蓝色", "墨绿色", "军绿色", "玫红色", "透明");

    private final MultiGranularTokenizer tokenizer;
    private final Map<List<String>, KeyTerm> terms;
    private final int longestTerm;

    private KeyTermLexicon(MultiGranularTokenizer tokenizer, Map<List<String>, KeyTerm> terms) {
        this.tokenizer = tokenizer;
        this.terms = Map.copyOf(terms);
        this.longestTerm = terms.keySet().stream().mapToInt(List::size).max().orElse(0);
    }

    public static Builder builder(String language) {
        return new Builder(MultiGranularTokenizer.forLanguage(language));
    }

    public String language() {
        return tokenizer.language();
    }

    public int size() {
        return terms.size();
    }

    /** The key terms of a query, in query order; each match is the longest lexicon entry starting there. */
    public List<KeyTerm> detect(String queryText) {
        List<String> units = tokenizer.matchUnits(queryText);
        List<KeyTerm> found = new ArrayList<>();
        int i = 0;
        while (i < units.size()) {
            int matched = 0;
            for (int length = Math.min(longestTerm, units.size() - i); length > 0 && matched == 0; length--) {
                KeyTerm term = terms.get(units.subList(i, i + length));
                if (term != null) {
                    found.add(term);
                    matched = length;
                }
            }
            i += Math.max(1, matched);
        }
        return found;
    }

    /** Serialises as {@code {"language": .., "terms": [{"term", "class", "normalized"}, ..]}}, sorted for stable bytes. */
    public String toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("language", language());
        JsonArray array = new JsonArray();
        terms.values().stream()
            .sorted(Comparator.comparing(KeyTerm::normalized).thenComparing(KeyTerm::type))
            .forEach(term -> {
                JsonObject entry = new JsonObject();
                entry.addProperty("term", term.term());
                entry.addProperty("class", term.type().jsonName());
                entry.addProperty("normalized", term.normalized());
                array.add(entry);
            });
        json.add("terms", array);
        return json.toString();
    }

    public static KeyTermLexicon fromJson(String json) {
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException("key term lexicon must be a JSON object");
            }
            JsonObject object = parsed.getAsJsonObject();
            Builder builder = builder(UserContextJson.string(object.get("language"), "language"));
            JsonElement termsJson = object.get("terms");
            if (termsJson == null || !termsJson.isJsonArray()) {
                throw new IllegalArgumentException("key term lexicon needs a \"terms\" array");
            }
            JsonArray array = termsJson.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                if (!array.get(i).isJsonObject()) {
                    throw new IllegalArgumentException("terms[" + i + "] must be an object");
                }
                JsonObject entry = array.get(i).getAsJsonObject();
                builder.add(UserContextJson.string(entry.get("term"), "terms[" + i + "].term"),
                    KeyTermClass.fromJsonName(UserContextJson.string(entry.get("class"), "terms[" + i + "].class")));
            }
            return builder.build();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("key term lexicon is not valid JSON: " + e.getMessage(), e);
        }
    }

    /** Collects terms; when two terms normalise alike the higher-priority class wins, then the first added. */
    public static final class Builder {
        private final MultiGranularTokenizer tokenizer;
        private final Map<List<String>, KeyTerm> terms = new HashMap<>();

        private Builder(MultiGranularTokenizer tokenizer) {
            this.tokenizer = tokenizer;
        }

        /** Adds a term; terms without letters or digits (e.g. "-") are ignored. */
        public Builder add(String term, KeyTermClass type) {
            Objects.requireNonNull(type, "type");
            if (term == null) {
                return this;
            }
            List<String> units = List.copyOf(tokenizer.matchUnits(term));
            if (units.isEmpty()) {
                return this;
            }
            KeyTerm existing = terms.get(units);
            if (existing == null || type.ordinal() < existing.type().ordinal()) {
                terms.put(units, new KeyTerm(term.strip(), type, tokenizer.joinUnits(units)));
            }
            return this;
        }

        /** Adds the built-in colour list of the builder's language. */
        public Builder addColours() {
            for (String colour : tokenizer.language().equals("zh") ? ZH_COLOURS : EN_COLOURS) {
                add(colour, KeyTermClass.COLOUR);
            }
            return this;
        }

        public KeyTermLexicon build() {
            return new KeyTermLexicon(tokenizer, terms);
        }
    }
}
