package org.mgdspr.model.artifact;

/**
 * The REST paths, body fields and settings of a cluster's model registry, named once for the plugin that serves
 * them and for {@code mgdspr deploy}, which calls them, so that neither side can change them alone.
 */
public final class RegistryApi {

    /** Prefix of every REST endpoint of the plugin. */
    public static final String PLUGIN_PATH = "/_plugins/mgdspr";

    /**
     * The registry; {@code MODELS_PATH/<model_id>} is one model (GET describes it, PUT uploads it in one request,
     * DELETE removes it).
     */
    public static final String MODELS_PATH = PLUGIN_PATH + "/models";

    /** After a model's path: {@code PUT .../_chunk/<chunk>?chunk_count=<n>} stores one chunk of an upload. */
    public static final String CHUNK_PATH = "/_chunk";

    /** Query parameter of a chunk upload: how many chunks the whole upload has. */
    public static final String CHUNK_COUNT_PARAM = "chunk_count";

    /** After a model's path: {@code POST .../_commit} verifies the uploaded chunks and publishes the model. */
    public static final String COMMIT_PATH = "/_commit";

    /** Field of a chunk upload's body: the chunk's bytes in Base64. */
    public static final String CHUNK_DATA_FIELD = "data";

    /** Field of a commit's body: the SHA-256 (hex) of the whole artifact. */
    public static final String COMMIT_SHA256_FIELD = "sha256";

    /** Field of a model's record: its upload state, {@link #UPLOADING_STATE} or {@link #READY_STATE}. */
    public static final String STATE_FIELD = "state";

    /** State of a model whose chunks are still arriving; only a commit makes it ready. */
    public static final String UPLOADING_STATE = "uploading";

    /** State of a committed, verified model. */
    public static final String READY_STATE = "ready";

    /** Field of a model's record: how many chunks its upload has. */
    public static final String CHUNK_COUNT_FIELD = "chunk_count";

    /**
     * Field of an uploading model's record that {@code mgdspr deploy} needs to resume the upload: the chunks
     * stored so far, each an object with {@link #STORED_CHUNK_FIELD} (its number) and
     * {@link #STORED_CHUNK_SHA256_FIELD} (the SHA-256 of its bytes), so the client can check that they are chunks of
     * the file it deploys.
     */
    public static final String STORED_CHUNKS_FIELD = "stored_chunks";

    /** In a {@link #STORED_CHUNKS_FIELD} entry: the chunk number. */
    public static final String STORED_CHUNK_FIELD = "chunk";

    /** In a {@link #STORED_CHUNKS_FIELD} entry: the SHA-256 (hex) of the chunk's bytes. */
    public static final String STORED_CHUNK_SHA256_FIELD = "sha256";

    /** Node setting: the largest artifact the registry accepts. */
    public static final String MAX_MODEL_SIZE_SETTING = "plugins.mgdspr.registry.max_model_size";

    /**
     * OpenSearch's node setting that bounds every request body, so one chunk (Base64 in JSON) must fit in it.
     * Not the plugin's own, but the limit an upload meets first.
     */
    public static final String MAX_REQUEST_SIZE_SETTING = "http.max_content_length";

    /** Node setting: the largest chunk (and one-request artifact) an upload request may carry. */
    public static final String MAX_CHUNK_SIZE_SETTING = "plugins.mgdspr.registry.max_chunk_size";

    private RegistryApi() {}
}
