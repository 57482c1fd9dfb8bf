package org.mgdspr.plugin.registry;

import org.opensearch.common.settings.Settings;

/**
 * The system index that holds the model registry: one metadata document per model (id = model id) and one
 * document per artifact chunk (id = {@code <model id>#<n>}, Base64 data), so artifacts of hundreds of MB move in
 * requests well inside HTTP limits. One shard, replicated to every node ({@code auto_expand_replicas: 0-all}), so
 * each node reads models locally and the registry survives the loss of nodes.
 */
public final class ModelIndex {

    public static final String NAME = ".plugins-mgdspr-models";

    static final String TYPE = "type";
    static final String TYPE_MODEL = "model";
    static final String TYPE_CHUNK = "chunk";
    static final String MODEL_ID = "model_id";
    static final String STATE = "state";
    static final String SHA256 = "sha256";
    static final String SIZE_IN_BYTES = "size_in_bytes";
    static final String CHUNK_COUNT = "chunk_count";
    static final String CHUNK_INDEX = "chunk_index";
    static final String DATA = "data";
    static final String DIMENSION = "dimension";
    static final String CONFIG = "config";
    static final String FITTED_FUSION = "fitted_fusion";
    static final String FITTED_BRAND_BOOST_WEIGHT = "fitted_brand_boost_weight";
    static final String CREATED_AT = "created_at";

    static final String MAPPING = """
        {
          "dynamic": "strict",
          "properties": {
            "type": {"type": "keyword"},
            "model_id": {"type": "keyword"},
            "state": {"type": "keyword"},
            "sha256": {"type": "keyword"},
            "size_in_bytes": {"type": "long"},
            "chunk_count": {"type": "integer"},
            "chunk_index": {"type": "integer"},
            "data": {"type": "binary"},
            "dimension": {"type": "integer"},
            "config": {"type": "keyword", "index": false, "doc_values": false},
            "fitted_fusion": {"type": "keyword", "index": false, "doc_values": false},
            "fitted_brand_boost_weight": {"type": "double", "index": false, "doc_values": false},
            "created_at": {"type": "date", "format": "epoch_millis"}
          }
        }
        """;

    private ModelIndex() {}

    static Settings settings() {
        return Settings.builder()
            .put("index.number_of_shards", 1)
            .put("index.auto_expand_replicas", "0-all")
            .put("index.hidden", true)
            .build();
    }

    public static String chunkId(String modelId, int chunkIndex) {
        return modelId + "#" + chunkIndex;
    }
}
