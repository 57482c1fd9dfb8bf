package org.mgdspr.model.fusion;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One complete fusion configuration of the k-NN channel and the lexical channel: what the {@code mgdspr} query runs
 * and what the trainer fits and stores in the artifact ({@code fusion.json}) for {@code fusion: auto}.
 *
 * @param method        how the channels combine
 * @param rankConstant  the RRF constant (used by {@link FusionMethod#RRF} only, at least 1)
 * @param knnWeight     weight of the k-NN channel (RRF and weighted fusion)
 * @param lexicalWeight weight of the lexical channel (RRF and weighted fusion)
 * @param normalization score normalisation of {@link FusionMethod#WEIGHTED}
 */
public record FusionSpec(FusionMethod method, int rankConstant, double knnWeight, double lexicalWeight,
                         ScoreNormalization normalization) {

    public static final int DEFAULT_RANK_CONSTANT = 60;
    public static final double DEFAULT_WEIGHT = 1.0;
    public static final ScoreNormalization DEFAULT_NORMALIZATION = ScoreNormalization.MIN_MAX;

    private static final Set<String> JSON_KEYS = Set.of("method", "rank_constant", "weights", "normalization");

    public FusionSpec {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(normalization, "normalization");
        if (rankConstant < 1) {
            throw new IllegalArgumentException("[rank_constant] must be at least 1 but was " + rankConstant);
        }
        requireWeight("knn", knnWeight);
        requireWeight("lexical", lexicalWeight);
        if (knnWeight + lexicalWeight == 0) {
            throw new IllegalArgumentException("[fusion_weights] must not all be 0");
        }
    }

    /** The method with its default settings: RRF with constant 60, equal weights, min-max normalisation. */
    public static FusionSpec defaults(FusionMethod method) {
        return new FusionSpec(method, DEFAULT_RANK_CONSTANT, DEFAULT_WEIGHT, DEFAULT_WEIGHT, DEFAULT_NORMALIZATION);
    }

    private static void requireWeight(String channel, double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("[fusion_weights." + channel + "] must be a finite number >= 0 but was "
                + weight);
        }
    }

    /** The weight of channel {@code index} in the order k-NN, lexical. */
    public double weight(int index) {
        return switch (index) {
            case 0 -> knnWeight;
            case 1 -> lexicalWeight;
            default -> throw new IllegalArgumentException("fusion combines two channels, not channel " + index);
        };
    }

    /** Fuses ranked channel lists given in the order k-NN, lexical; one list passes through unchanged. */
    public FusedList fuse(List<RankedHits> channels) {
        return ChannelFusion.fuse(this, channels);
    }

    /** A short label for reports, e.g. {@code rrf(k=20, knn 0.3, lexical 0.7)}. */
    public String describe() {
        return switch (method) {
            case UNION -> "union";
            case RRF -> String.format(Locale.ROOT, "rrf(k=%d, knn %s, lexical %s)", rankConstant, number(knnWeight),
                number(lexicalWeight));
            case WEIGHTED -> String.format(Locale.ROOT, "weighted(%s, knn %s, lexical %s)", normalization.jsonName(),
                number(knnWeight), number(lexicalWeight));
        };
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("method", method.jsonName());
        json.addProperty("rank_constant", rankConstant);
        JsonObject weights = new JsonObject();
        weights.addProperty("knn", knnWeight);
        weights.addProperty("lexical", lexicalWeight);
        json.add("weights", weights);
        json.addProperty("normalization", normalization.jsonName());
        return json;
    }

    /** Reads {@link #toJson}'s form; every key is required and no other key is allowed. */
    public static FusionSpec fromJson(JsonObject json) {
        for (String key : json.keySet()) {
            if (!JSON_KEYS.contains(key)) {
                throw new IllegalArgumentException("fusion spec has an unknown key [" + key + "]");
            }
        }
        try {
            JsonObject weights = required(json, "weights").getAsJsonObject();
            return new FusionSpec(FusionMethod.fromJsonName(required(json, "method").getAsString()),
                required(json, "rank_constant").getAsInt(), required(weights, "knn").getAsDouble(),
                required(weights, "lexical").getAsDouble(),
                ScoreNormalization.fromJsonName(required(json, "normalization").getAsString()));
        } catch (IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new IllegalArgumentException("fusion spec has a value of the wrong type: " + json, e);
        }
    }

    public static FusionSpec fromJson(String text) {
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException("a fusion spec must be a JSON object but was " + text);
            }
            return fromJson(parsed.getAsJsonObject());
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("fusion spec is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static JsonElement required(JsonObject json, String key) {
        JsonElement value = json.get(key);
        if (value == null || value.isJsonNull()) {
            throw new IllegalArgumentException("fusion spec lacks [" + key + "]");
        }
        return value;
    }
}
