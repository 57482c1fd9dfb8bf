package org.mgdspr.plugin.rest;

import org.opensearch.core.xcontent.XContentBuilder;

import java.io.IOException;

/**
 * The {@code knn_vector} mapping that matches an MGDSPR model: its dimension, inner-product space (the towers are
 * trained with a raw inner product), and the Lucene HNSW engine (the k-NN release on Maven Central ships no
 * native engines).
 */
final class KnnMappings {

    static final int HNSW_M = 16;
    static final int HNSW_EF_CONSTRUCTION = 100;

    private KnnMappings() {}

    static void knnVectorField(XContentBuilder builder, int dimension) throws IOException {
        builder.startObject()
            .field("type", "knn_vector")
            .field("dimension", dimension)
            .startObject("method")
            .field("name", "hnsw")
            .field("engine", "lucene")
            .field("space_type", "innerproduct")
            .startObject("parameters").field("m", HNSW_M).field("ef_construction", HNSW_EF_CONSTRUCTION).endObject()
            .endObject()
            .endObject();
    }
}
