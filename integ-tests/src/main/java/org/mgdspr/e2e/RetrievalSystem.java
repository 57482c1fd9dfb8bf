package org.mgdspr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;

/**
 * The systems the end-to-end runs compare, each as the body of one search request against the same index: BM25, the
 * plain k-NN query with a precomputed vector, and the variants of the {@code mgdspr} query.
 */
enum RetrievalSystem {
    BM25("bm25"),
    PLAIN_KNN("knn_precomputed"),
    MGDSPR_NO_USER("mgdspr_no_user"),
    MGDSPR("mgdspr"),
    MGDSPR_POST_FILTER("mgdspr_rc_post_filter"),
    MGDSPR_PRE_FILTER("mgdspr_rc_pre_filter"),
    FUSED_UNION("mgdspr+bm25_union"),
    FUSED_RRF("mgdspr+bm25_rrf"),
    FUSED_WEIGHTED("mgdspr+bm25_weighted"),
    /** The fusion the trainer fitted for the model; only for models that have one. */
    FUSED_AUTO("mgdspr+bm25_auto");

    final String label;

    RetrievalSystem(String label) {
        this.label = label;
    }

    /**
     * @param vector the user tower's vector for this query and context, used by {@link #PLAIN_KNN} only
     */
    String body(String modelId, String query, UserContext context, float[] vector, int k) {
        JsonObject search = new JsonObject();
        search.addProperty("size", k);
        search.addProperty("_source", false);
        JsonObject clause = new JsonObject();
        switch (this) {
            case BM25 -> {
                JsonObject match = new JsonObject();
                match.addProperty(ShopIndexes.TITLE_FIELD, query);
                clause.add("match", match);
            }
            case PLAIN_KNN -> {
                JsonObject knn = new JsonObject();
                JsonObject field = new JsonObject();
                JsonArray values = new JsonArray(vector.length);
                for (float value : vector) {
                    values.add(value);
                }
                field.add("vector", values);
                field.addProperty("k", k);
                knn.add(ShopIndexes.VECTOR_FIELD, field);
                clause.add("knn", knn);
            }
            default -> clause.add("mgdspr", mgdspr(modelId, query, context, k));
        }
        search.add("query", clause);
        return search.toString();
    }

    private JsonObject mgdspr(String modelId, String query, UserContext context, int k) {
        JsonObject mgdspr = new JsonObject();
        mgdspr.addProperty("model_id", modelId);
        mgdspr.addProperty("field", ShopIndexes.VECTOR_FIELD);
        mgdspr.addProperty("query", query);
        // each channel of a fused system retrieves k items, and the request keeps the best k of their union: the
        // semantics of mgdspr eval's fusions at the same depth
        mgdspr.addProperty("k", k);
        if (this != MGDSPR_NO_USER) {
            mgdspr.add("user", UserContextJson.toJson(context));
        }
        if (this == MGDSPR_POST_FILTER || this == MGDSPR_PRE_FILTER) {
            JsonObject control = new JsonObject();
            control.addProperty("mode", "auto");
            control.addProperty("apply", this == MGDSPR_PRE_FILTER ? "pre_filter" : "post_filter");
            mgdspr.add("relevance_control", control);
        }
        String fusion = switch (this) {
            case FUSED_UNION -> "union";
            case FUSED_RRF -> "rrf";
            case FUSED_WEIGHTED -> "weighted";
            case FUSED_AUTO -> "auto";
            default -> null;
        };
        if (fusion != null) {
            JsonObject lexical = new JsonObject();
            JsonArray fields = new JsonArray();
            fields.add(ShopIndexes.TITLE_FIELD);
            lexical.add("fields", fields);
            mgdspr.add("lexical", lexical);
            mgdspr.addProperty("fusion", fusion);
        }
        return mgdspr;
    }
}
