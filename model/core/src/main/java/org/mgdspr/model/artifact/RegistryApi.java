package org.mgdspr.model.artifact;

/**
 * The REST paths and the node setting of a cluster's model registry, named once for the plugin that serves them
 * and for {@code mgdspr deploy}, which calls them, so that neither side can change them alone.
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

    /** Node setting: the largest artifact the registry accepts. */
    public static final String MAX_MODEL_SIZE_SETTING = "plugins.mgdspr.registry.max_model_size";

    /** Node setting: the largest chunk (and one-request artifact) an upload request may carry. */
    public static final String MAX_CHUNK_SIZE_SETTING = "plugins.mgdspr.registry.max_chunk_size";

    private RegistryApi() {}
}
