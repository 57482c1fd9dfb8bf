package org.mgdspr.plugin.registry;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.core.xcontent.XContentBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the registry knows about one model: its verified artifact (size, SHA-256, chunking) and, once committed,
 * its dimension and full config.
 *
 * @param modelId        registry id
 * @param state          upload state
 * @param sha256         SHA-256 of the whole artifact zip (null while uploading)
 * @param sizeInBytes    artifact size (-1 while uploading)
 * @param chunkCount     number of stored chunks
 * @param dimension      width of the user and item vectors (-1 while uploading)
 * @param configJson     the model config as JSON (null while uploading)
 * @param fittedFusionJson the fusion fitted by the trainer as JSON, what {@code fusion: auto} runs (null when the
 *                       artifact has none, or while uploading)
 * @param fittedBrandBoostWeight the brand boost's weight fitted by the trainer, what {@code brand_boost}'s
 *                       {@code "weight": "auto"} runs (0: no boost helped; null when the artifact has none, or while
 *                       uploading)
 * @param createdAtMillis epoch millis of the upload's start
 */
public record ModelRecord(
    String modelId,
    ModelState state,
    String sha256,
    long sizeInBytes,
    int chunkCount,
    int dimension,
    String configJson,
    String fittedFusionJson,
    Double fittedBrandBoostWeight,
    long createdAtMillis) implements Writeable, ToXContentObject {

    public ModelRecord {
        ModelIds.validate(modelId);
        Objects.requireNonNull(state, "state");
        if (chunkCount < 1) {
            throw new IllegalArgumentException("chunk_count must be >= 1, got " + chunkCount);
        }
        if (state == ModelState.READY && (sha256 == null || configJson == null || dimension < 1 || sizeInBytes < 0)) {
            throw new IllegalArgumentException("a ready model needs its checksum, size, dimension and config");
        }
        if (fittedBrandBoostWeight != null
            && !(fittedBrandBoostWeight >= 0 && Double.isFinite(fittedBrandBoostWeight))) {
            throw new IllegalArgumentException("[" + ModelIndex.FITTED_BRAND_BOOST_WEIGHT + "] must be a finite number "
                + ">= 0 but was [" + fittedBrandBoostWeight + "]");
        }
    }

    public static ModelRecord uploading(String modelId, int chunkCount, long createdAtMillis) {
        return new ModelRecord(modelId, ModelState.UPLOADING, null, -1, chunkCount, -1, null, null, null,
            createdAtMillis);
    }

    public ModelRecord ready(String verifiedSha256, long size, int verifiedDimension, String verifiedConfigJson,
                             String verifiedFusionJson, Double verifiedBrandBoostWeight) {
        return new ModelRecord(modelId, ModelState.READY, verifiedSha256, size, chunkCount, verifiedDimension,
            verifiedConfigJson, verifiedFusionJson, verifiedBrandBoostWeight, createdAtMillis);
    }

    public static ModelRecord readFrom(StreamInput in) throws IOException {
        return new ModelRecord(in.readString(), in.readEnum(ModelState.class), in.readOptionalString(), in.readLong(),
            in.readVInt(), in.readInt(), in.readOptionalString(), in.readOptionalString(), in.readOptionalDouble(),
            in.readLong());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeEnum(state);
        out.writeOptionalString(sha256);
        out.writeLong(sizeInBytes);
        out.writeVInt(chunkCount);
        out.writeInt(dimension);
        out.writeOptionalString(configJson);
        out.writeOptionalString(fittedFusionJson);
        out.writeOptionalDouble(fittedBrandBoostWeight);
        out.writeLong(createdAtMillis);
    }

    /** The registry document of this record (chunks are separate documents). */
    public Map<String, Object> toSource() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put(ModelIndex.TYPE, ModelIndex.TYPE_MODEL);
        source.put(ModelIndex.MODEL_ID, modelId);
        source.put(ModelIndex.STATE, state.jsonValue());
        source.put(ModelIndex.CHUNK_COUNT, chunkCount);
        source.put(ModelIndex.CREATED_AT, createdAtMillis);
        if (state == ModelState.READY) {
            source.put(ModelIndex.SHA256, sha256);
            source.put(ModelIndex.SIZE_IN_BYTES, sizeInBytes);
            source.put(ModelIndex.DIMENSION, dimension);
            source.put(ModelIndex.CONFIG, configJson);
            if (fittedFusionJson != null) {
                source.put(ModelIndex.FITTED_FUSION, fittedFusionJson);
            }
            if (fittedBrandBoostWeight != null) {
                source.put(ModelIndex.FITTED_BRAND_BOOST_WEIGHT, fittedBrandBoostWeight);
            }
        }
        return source;
    }

    /**
     * Reads a registry document; anything but what {@link #toSource} writes is refused.
     *
     * @throws IllegalArgumentException naming the field when the document is malformed
     */
    public static ModelRecord fromSource(Map<String, Object> source) {
        String stateName = string(source, ModelIndex.STATE, true);
        ModelState state;
        try {
            state = ModelState.fromJson(stateName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[" + ModelIndex.STATE + "] must be one of [uploading, ready] but was ["
                + stateName + "]");
        }
        return new ModelRecord(
            string(source, ModelIndex.MODEL_ID, true),
            state,
            string(source, ModelIndex.SHA256, false),
            number(source, ModelIndex.SIZE_IN_BYTES, -1),
            integer(source, ModelIndex.CHUNK_COUNT, 1),
            integer(source, ModelIndex.DIMENSION, -1),
            jsonObject(source, ModelIndex.CONFIG),
            jsonObject(source, ModelIndex.FITTED_FUSION),
            decimal(source, ModelIndex.FITTED_BRAND_BOOST_WEIGHT),
            number(source, ModelIndex.CREATED_AT, 0));
    }

    private static String string(Map<String, Object> source, String key, boolean required) {
        Object value = source.get(key);
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("[" + key + "] must be a string but was [" + value + "]");
        }
        return text;
    }

    /** A JSON object kept as text; the responses embed it as raw JSON, so it must parse. */
    private static String jsonObject(Map<String, Object> source, String key) {
        String json = string(source, key, false);
        if (json != null && !isJsonObject(json)) {
            throw new IllegalArgumentException("[" + key + "] must hold a JSON object");
        }
        return json;
    }

    private static boolean isJsonObject(String json) {
        try {
            return JsonParser.parseString(json).isJsonObject();
        } catch (JsonParseException e) {
            return false;
        }
    }

    private static long number(Map<String, Object> source, String key, long absent) {
        Object value = source.get(key);
        if (value == null) {
            return absent;
        }
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new IllegalArgumentException("[" + key + "] must be an integer but was [" + value + "]");
        }
        return ((Number) value).longValue();
    }

    private static Double decimal(Map<String, Object> source, String key) {
        Object value = source.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("[" + key + "] must be a number but was [" + value + "]");
        }
        return number.doubleValue();
    }

    private static int integer(Map<String, Object> source, String key, int absent) {
        long value = number(source, key, absent);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("[" + key + "] is out of range: " + value);
        }
        return (int) value;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject();
        toXContentFields(builder);
        return builder.endObject();
    }

    /** The record's fields, inside an object the caller opened. */
    XContentBuilder toXContentFields(XContentBuilder builder) throws IOException {
        builder.field("model_id", modelId);
        builder.field("state", state.jsonValue());
        builder.field("chunk_count", chunkCount);
        builder.field("created_at_epoch_millis", createdAtMillis);
        if (state == ModelState.READY) {
            builder.field("sha256", sha256);
            builder.field("size_in_bytes", sizeInBytes);
            builder.field("dimension", dimension);
            builder.rawField("config", new ByteArrayInputStream(configJson.getBytes(StandardCharsets.UTF_8)),
                MediaTypeRegistry.JSON);
            if (fittedFusionJson != null) {
                builder.rawField("fitted_fusion",
                    new ByteArrayInputStream(fittedFusionJson.getBytes(StandardCharsets.UTF_8)), MediaTypeRegistry.JSON);
            }
            if (fittedBrandBoostWeight != null) {
                builder.field(ModelIndex.FITTED_BRAND_BOOST_WEIGHT, fittedBrandBoostWeight);
            }
        }
        return builder;
    }
}
