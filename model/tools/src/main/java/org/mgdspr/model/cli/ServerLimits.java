package org.mgdspr.model.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.RegistryApi;

/**
 * What a cluster accepts from an upload: the HTTP body size of one request and the size of a whole artifact.
 *
 * @param maxRequestBytes {@link RegistryApi#MAX_REQUEST_SIZE_SETTING}
 * @param maxModelBytes   {@link RegistryApi#MAX_MODEL_SIZE_SETTING}
 */
record ServerLimits(long maxRequestBytes, long maxModelBytes) {

    /** The JSON around a chunk's Base64: {@code {"data":""}}. */
    private static final int CHUNK_BODY_OVERHEAD = ("{\"" + RegistryApi.CHUNK_DATA_FIELD + "\":\"\"}").length();

    /**
     * Reads both limits from the {@code defaults} of {@code GET _cluster/settings?include_defaults=true}: they are
     * node settings, which the cluster reports there, nested by the dots of their names, with the values the node was
     * started with.
     */
    static ServerLimits fromSettings(JsonObject settings, String url) {
        return new ServerLimits(setting(settings, RegistryApi.MAX_REQUEST_SIZE_SETTING, url),
            setting(settings, RegistryApi.MAX_MODEL_SIZE_SETTING, url));
    }

    /** The largest chunk whose request body (Base64, 4 characters per 3 bytes, plus the JSON) fits in a request. */
    long largestChunk() {
        return Math.max(0, (maxRequestBytes - CHUNK_BODY_OVERHEAD) / 4 * 3);
    }

    private static long setting(JsonObject settings, String name, String url) {
        JsonElement value = settings.get("defaults");
        for (String key : name.split("\\.")) {
            value = value != null && value.isJsonObject() ? value.getAsJsonObject().get(key) : null;
        }
        if (value == null || !value.isJsonPrimitive()) {
            throw new DeployException("the cluster at " + url + " does not report " + name
                + (name.equals(RegistryApi.MAX_MODEL_SIZE_SETTING) ? "; is the mgdspr plugin installed?" : ""));
        }
        try {
            return ByteSize.parse(value.getAsString());
        } catch (IllegalArgumentException e) {
            throw new DeployException("cannot read " + name + " of the cluster at " + url + ": " + e.getMessage());
        }
    }
}
