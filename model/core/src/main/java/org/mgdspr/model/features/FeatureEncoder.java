package org.mgdspr.model.features;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.spelling.SpellingCorrector;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The single place where raw request and product strings become tower inputs, shared by the trainer and the
 * OpenSearch plugin so both produce identical ids.
 *
 * <p>Every list is truncated to its {@link FeatureConfig} limit keeping its head (behaviour and history lists are
 * newest first, so the newest survive) and padded with 0 to exactly that limit. History entries may be single
 * words or whole earlier queries: the entries, joined with commas, are re-tokenized with the query analyzer so
 * history words meet query words on the same normalised form.
 *
 * <p>With {@link FeatureConfig#spellingCorrection()} (English only) the query's normalised words go through the
 * model's {@link SpellingCorrector} before its tokens are formed. Query history and titles are never corrected.
 *
 * <p>Immutable and thread-safe: the tokenizers keep per-thread Lucene token streams.
 */
public final class FeatureEncoder {

    static final String HISTORY_SEPARATOR = " , ";

    /**
     * Text beyond this many chars is ignored: the token limits are reached long before, and the plugin must not
     * spend unbounded analyzer time on a pathological request.
     */
    public static final int MAX_TEXT_CHARS = 4096;

    private final FeatureConfig config;
    private final FeatureHasher hasher;
    private final MultiGranularTokenizer tokenizer;
    private final SpellingCorrector corrector;

    /** The encoder of a model without spelling correction. */
    public FeatureEncoder(FeatureConfig config) {
        this(config, null);
    }

    /**
     * @param corrector the corrector built from the model's vocabulary; required exactly when the config asks for
     *                  spelling correction
     */
    public FeatureEncoder(FeatureConfig config, SpellingCorrector corrector) {
        this.config = Objects.requireNonNull(config, "config");
        if (config.spellingCorrection() && corrector == null) {
            throw new IllegalArgumentException("features.spelling_correction is on but no vocabulary was given "
                + "to correct towards");
        }
        if (!config.spellingCorrection() && corrector != null) {
            throw new IllegalArgumentException("a spelling vocabulary was given but features.spelling_correction "
                + "is off");
        }
        this.hasher = new FeatureHasher(config);
        this.tokenizer = MultiGranularTokenizer.forLanguage(config.language());
        this.corrector = corrector;
    }

    public FeatureConfig config() {
        return config;
    }

    /** The user's brand shares over the behaviour items the towers read. */
    public BrandAffinity brandAffinity(UserContext context) {
        return BrandAffinity.of(context, config.maxRealTime(), config.maxShortTerm());
    }

    public FeatureHasher hasher() {
        return hasher;
    }

    public MultiGranularTokenizer tokenizer() {
        return tokenizer;
    }

    /** The corrector applied to query words, when the model corrects spelling. */
    public Optional<SpellingCorrector> corrector() {
        return Optional.ofNullable(corrector);
    }

    public EncodedUser encodeUser(String query, UserContext context) {
        return encodeUser(queryTokens(query), context);
    }

    /** {@link #encodeUser(String, UserContext)} for a query whose {@link #queryTokens} the caller already has. */
    public EncodedUser encodeUser(QueryTokens tokens, UserContext context) {
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(context, "context");
        int[] unigrams = hashAll(HashTable.UNIGRAM, tokens.unigrams(), config.maxUnigrams());
        int[] bigrams = hashAll(HashTable.BIGRAM, tokens.bigrams(), config.maxBigrams());
        int[] words = hashAll(HashTable.WORD, tokens.words(), config.maxWords());
        int[] history = encodeHistory(context.queryHistory());
        BehaviorIds realTime = encodeBehavior(context.realTime(), config.maxRealTime());
        BehaviorIds shortTerm = encodeBehavior(context.shortTerm(), config.maxShortTerm());
        LongTermList[] lists = LongTermList.values();
        int[][] longTerm = new int[lists.length][];
        for (LongTermList list : lists) {
            longTerm[list.ordinal()] = hashAll(longTermTable(list), context.longTerm().get(list), config.maxLongTerm());
        }
        return new EncodedUser(unigrams, bigrams, words, history, realTime, shortTerm, longTerm);
    }

    /** The query's tokens as the towers read them: spelling-corrected when the model corrects spelling. */
    public QueryTokens queryTokens(String query) {
        return queryTokens(query, true);
    }

    /**
     * The query's tokens, spelling-corrected when the model corrects spelling and {@code correctSpelling} is on, as
     * typed (normalised only) otherwise.
     */
    public QueryTokens queryTokens(String query, boolean correctSpelling) {
        String clipped = clip(query);
        return corrector == null || !correctSpelling ? tokenizer.tokenizeQuery(clipped)
            : EnglishTokenizer.queryTokens(corrector.correct(tokenizer.words(clipped)));
    }

    public EncodedItem encodeItem(String itemId, String title) {
        if (itemId == null || itemId.isEmpty()) {
            throw new IllegalArgumentException("item_id must not be empty");
        }
        int id = hasher.hash(HashTable.ITEM, itemId);
        return new EncodedItem(id, hashAll(HashTable.TITLE, titleUnits(title), config.maxTitleTokens()));
    }

    /** The units of a title that {@link #encodeItem} hashes into the {@link HashTable#TITLE} table, in order. */
    public List<String> titleUnits(String title) {
        String clipped = clip(title);
        return config.titleSubwords() ? tokenizer.titleTokens(clipped)
            : List.copyOf(new LinkedHashSet<>(tokenizer.words(clipped)));
    }

    /** The embedding table of one long-term list: item, shop, leaf category or brand ids. */
    public static HashTable longTermTable(LongTermList list) {
        return switch (list.attribute()) {
            case 0 -> HashTable.ITEM;
            case 1 -> HashTable.SHOP;
            case 2 -> HashTable.LEAF_CATEGORY;
            case 3 -> HashTable.BRAND;
            default -> throw new AssertionError("LongTermList has 4 attributes, got " + list.attribute());
        };
    }

    private int[] encodeHistory(List<String> entries) {
        int limit = config.maxHistoryWords();
        // one analyzer pass over the comma-joined entries instead of a segmenter run per entry; a comma is a
        // delimiter for both analyzers, so no word spans two entries (a line break is not: the HMM joins across it)
        List<String> words = tokenizer.words(clip(String.join(HISTORY_SEPARATOR, entries)));
        return hashAll(HashTable.HISTORY, words, limit);
    }

    /** The text cut at {@link #MAX_TEXT_CHARS}, never inside a surrogate pair. */
    static String clip(String text) {
        if (text == null || text.length() <= MAX_TEXT_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_TEXT_CHARS - 1)) ? MAX_TEXT_CHARS - 1 : MAX_TEXT_CHARS;
        return text.substring(0, end);
    }

    private BehaviorIds encodeBehavior(List<BehaviorItem> items, int limit) {
        int[] itemIds = new int[limit];
        int[] shops = new int[limit];
        int[] leaves = new int[limit];
        int[] categories = new int[limit];
        int[] brands = new int[limit];
        int n = Math.min(limit, items.size());
        for (int i = 0; i < n; i++) {
            BehaviorItem item = items.get(i);
            itemIds[i] = hasher.hash(HashTable.ITEM, item.itemId());
            shops[i] = hasher.hash(HashTable.SHOP, item.shop());
            leaves[i] = hasher.hash(HashTable.LEAF_CATEGORY, item.leafCategory());
            categories[i] = hasher.hash(HashTable.CATEGORY, item.category());
            brands[i] = hasher.hash(HashTable.BRAND, item.brand());
        }
        return new BehaviorIds(itemIds, shops, leaves, categories, brands);
    }

    private int[] hashAll(HashTable table, List<String> values, int limit) {
        int[] ids = new int[limit];
        int n = 0;
        for (int i = 0; i < values.size() && n < limit; i++) {
            int id = hasher.hash(table, values.get(i));
            // an empty string inside a list would otherwise read as padding in the middle of the sequence
            if (id != 0) {
                ids[n++] = id;
            }
        }
        return ids;
    }
}
