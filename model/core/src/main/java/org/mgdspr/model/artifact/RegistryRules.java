package org.mgdspr.model.artifact;

import java.util.regex.Pattern;

/**
 * What a cluster's model registry accepts, shared by the plugin that enforces it and by {@code mgdspr deploy}, which
 * checks it before uploading anything.
 */
public final class RegistryRules {

    /**
     * Most chunks one upload may have: deleting a model lists every chunk id, so an unbounded count would let one
     * request make a node build billions of delete requests. 256 MB (the default size limit) fits in 27 KB chunks.
     */
    public static final int MAX_CHUNK_COUNT = 10_000;

    /**
     * Chunk size clients should upload in: small enough that a node with a 1 GB heap holds a few concurrent chunk
     * requests (each briefly held as its Base64 body and its decoded bytes, then as the indexed document) far
     * below its circuit breakers, large enough that a 256 MB model takes 64 requests.
     */
    public static final long DEFAULT_CHUNK_SIZE_BYTES = 4L * 1024 * 1024;

    /** Default of the node's largest accepted chunk ({@link RegistryApi#MAX_CHUNK_SIZE_SETTING}). */
    public static final long DEFAULT_MAX_CHUNK_SIZE_BYTES = 8L * 1024 * 1024;

    /** How a model id is built; ids become document ids in the registry index and path segments of the REST API. */
    public static final String MODEL_ID_RULE =
        "use 1 to 128 lowercase letters, digits, '_', '.' or '-', starting with a letter or digit";

    private static final Pattern MODEL_ID = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,127}");

    private RegistryRules() {}

    public static boolean isValidModelId(String modelId) {
        return modelId != null && MODEL_ID.matcher(modelId).matches();
    }
}
