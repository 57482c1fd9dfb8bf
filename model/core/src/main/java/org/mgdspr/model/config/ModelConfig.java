package org.mgdspr.model.config;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines a model: features, towers, loss and training. One JSON document, snake_case keys.
 *
 * <p>A JSON config may name a {@code "preset"} ({@link #PRESETS}) and override any subset of its keys; an
 * unknown key is rejected with its full path, so a typo never silently falls back to a default.
 */
public record ModelConfig(FeatureConfig features, TowerConfig tower, LossConfig loss, TrainConfig train) {

    /** The paper's hyper-parameters (§5.2) and a preset that trains in minutes on two cores. */
    public static final List<String> PRESETS = List.of("paper", "small");

    private static final Gson GSON = new GsonBuilder()
        .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
        .setPrettyPrinting()
        .disableHtmlEscaping()
        .create();

    public ModelConfig {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(tower, "tower");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(train, "train");
    }

    public static ModelConfig preset(String name) {
        return deserialize(presetTree(name));
    }

    /** Parses a config document, starting from its {@code "preset"} (default {@code "small"}). */
    public static ModelConfig fromJson(String json) {
        JsonObject overrides;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw new IllegalArgumentException("model config must be a JSON object");
            }
            overrides = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("model config is not valid JSON: " + e.getMessage(), e);
        }
        String presetName = "small";
        if (overrides.has("preset")) {
            JsonElement preset = overrides.remove("preset");
            if (!preset.isJsonPrimitive() || !preset.getAsJsonPrimitive().isString()) {
                throw new IllegalArgumentException("model config key [preset] must be a string, one of " + PRESETS);
            }
            presetName = preset.getAsString();
        }
        JsonObject merged = presetTree(presetName);
        mergeInto(merged, overrides, "");
        return deserialize(merged);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    /** A copy with one section replaced; used by baselines and ablations that differ in one place. */
    public ModelConfig with(TowerConfig newTower) {
        return new ModelConfig(features, newTower, loss, train);
    }

    public ModelConfig with(LossConfig newLoss) {
        return new ModelConfig(features, tower, newLoss, train);
    }

    public ModelConfig with(TrainConfig newTrain) {
        return new ModelConfig(features, tower, loss, newTrain);
    }

    public ModelConfig with(FeatureConfig newFeatures) {
        return new ModelConfig(newFeatures, tower, loss, train);
    }

    /** Gson wraps exceptions thrown by record constructors; surface the invariant violation itself. */
    private static ModelConfig deserialize(JsonObject tree) {
        try {
            return GSON.fromJson(tree, ModelConfig.class);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("model config has a value of the wrong type: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof IllegalArgumentException invalid) {
                    throw new IllegalArgumentException("invalid model config: " + invalid.getMessage(), e);
                }
            }
            throw e;
        }
    }

    private static JsonObject presetTree(String name) {
        if (!PRESETS.contains(name)) {
            throw new IllegalArgumentException("unknown preset [" + name + "], expected one of " + PRESETS);
        }
        String resource = "presets/" + name + ".json";
        try (InputStream in = ModelConfig.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("preset resource " + resource + " is missing from the jar");
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mergeInto(JsonObject target, JsonObject overrides, String path) {
        for (Map.Entry<String, JsonElement> entry : overrides.entrySet()) {
            String key = path + entry.getKey();
            JsonElement existing = target.get(entry.getKey());
            if (existing == null) {
                throw new IllegalArgumentException("unknown model config key [" + key + "]");
            }
            if (existing.isJsonObject()) {
                if (!entry.getValue().isJsonObject()) {
                    throw new IllegalArgumentException("model config key [" + key + "] must be an object");
                }
                mergeInto(existing.getAsJsonObject(), entry.getValue().getAsJsonObject(), key + ".");
            } else {
                target.add(entry.getKey(), entry.getValue());
            }
        }
    }
}
