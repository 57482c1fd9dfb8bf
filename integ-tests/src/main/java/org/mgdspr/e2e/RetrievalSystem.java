package org.mgdspr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;

import java.util.List;
import java.util.Optional;

/**
 * The systems the end-to-end runs compare, each as the body of one search request against the same index: BM25, the
 * plain k-NN query with a precomputed vector, and the variants of the {@code mgdspr} query.
 */
enum RetrievalSystem {
    BM25("bm25", "BM25 `match` on the title"),
    PLAIN_KNN("knn_precomputed", "plain k-NN `knn` query with the user tower's vector computed beforehand"),
    PLAIN_KNN_OR_MATCH("bool[knn,match]", "`bool` query whose `should` holds that plain `knn` query and the BM25 "
        + "`match`: both channels in one search, summed scores, no fusion"),
    MGDSPR_NO_USER("mgdspr_no_user", "`mgdspr` query with the query alone, no user context"),
    MGDSPR("mgdspr", "`mgdspr` query with the query and the user context (personalized)"),
    MGDSPR_BRAND_BOOST(EvaluationReport.BRAND_BOOST, "`mgdspr` with the user context and `brand_boost` on the `brand` "
        + "field, weight `auto` (the weight the trainer fitted on its validation requests): each of the 3k nearest "
        + "items gains the weight times its brand's share of the user's real-time and short-term items, and the best "
        + "k are kept"),
    MGDSPR_POST_FILTER("mgdspr_rc_post_filter", "`mgdspr` with relevance control dropping retrieved items that "
        + "lack a key term of the query in their title, category, leaf category and brand fields"),
    MGDSPR_PRE_FILTER("mgdspr_rc_pre_filter", "`mgdspr` with relevance control as a filter inside the k-NN "
        + "search (the top k among the items that pass)"),
    FUSED_UNION("mgdspr+bm25_union", "`mgdspr` and BM25 channels, de-duplicated union: the k-NN hits "
        + "first, then BM25's others"),
    FUSED_RRF("mgdspr+bm25_rrf", "`mgdspr` and BM25 channels fused by reciprocal rank"),
    FUSED_RRF_SHARD_TIES("mgdspr+bm25_rrf_shard_ties", "the same with `tie_order: shard`: equal scores in the order "
        + "the shard returns them, as `bool` orders them, instead of by `_id`; no stored-field reads"),
    FUSED_RRF_ITEM_ID_TIES("mgdspr+bm25_rrf_item_id_ties", "the same with `tie_order: {\"field\": \"item_id\"}`: "
        + "equal scores by the item id's doc values, unique per item, so as independent of the shards as `_id` "
        + "order without its stored-field reads"),
    FUSED_WEIGHTED("mgdspr+bm25_weighted", "`mgdspr` and BM25 channels fused by weighted normalised scores"),
    FUSED_AUTO("mgdspr+bm25_auto", "`mgdspr` and BM25 channels fused as the trainer fitted for this model");

    final String label;
    /** One line for the report, under the tables that name the system. */
    final String description;

    RetrievalSystem(String label, String description) {
        this.label = label;
        this.description = description;
    }

    /** Whether {@code model} can serve this system: the {@code auto} settings need what the trainer fitted. */
    boolean servedBy(MgdsprArtifact model) {
        return switch (this) {
            case MGDSPR_BRAND_BOOST -> model.fittedBrandBoostWeight().isPresent();
            case FUSED_AUTO -> model.fittedFusion().isPresent();
            default -> true;
        };
    }

    /** The system with this label, if one of these has it (the oracles of the quality table do not). */
    static Optional<RetrievalSystem> byLabel(String label) {
        for (RetrievalSystem system : values()) {
            if (system.label.equals(label)) {
                return Optional.of(system);
            }
        }
        return Optional.empty();
    }

    /**
     * @param vector the user tower's vector for this query and context, used by the plain k-NN systems only
     */
    String body(String modelId, String query, UserContext context, float[] vector, int k) {
        JsonObject search = new JsonObject();
        search.addProperty("size", k);
        search.addProperty("_source", false);
        JsonObject clause = new JsonObject();
        switch (this) {
            case BM25 -> clause.add("match", match(query));
            case PLAIN_KNN -> clause.add("knn", knn(vector, k));
            case PLAIN_KNN_OR_MATCH -> {
                JsonArray should = new JsonArray();
                JsonObject knnClause = new JsonObject();
                knnClause.add("knn", knn(vector, k));
                should.add(knnClause);
                JsonObject matchClause = new JsonObject();
                matchClause.add("match", match(query));
                should.add(matchClause);
                JsonObject bool = new JsonObject();
                bool.add("should", should);
                clause.add("bool", bool);
            }
            default -> clause.add("mgdspr", mgdspr(modelId, query, context, k));
        }
        search.add("query", clause);
        return search.toString();
    }

    /** Whether the search sends the user tower's vector itself instead of the query and context. */
    boolean sendsVector() {
        return this == PLAIN_KNN || this == PLAIN_KNN_OR_MATCH;
    }

    private static JsonObject match(String query) {
        JsonObject match = new JsonObject();
        match.addProperty(ShopIndexes.TITLE_FIELD, query);
        return match;
    }

    private static JsonObject knn(float[] vector, int k) {
        JsonArray values = new JsonArray(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        JsonObject field = new JsonObject();
        field.add("vector", values);
        field.addProperty("k", k);
        JsonObject knn = new JsonObject();
        knn.add(ShopIndexes.VECTOR_FIELD, field);
        return knn;
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
        if (this == MGDSPR_BRAND_BOOST) {
            JsonObject brandBoost = new JsonObject();
            brandBoost.addProperty("field", "brand");
            brandBoost.addProperty("weight", "auto");
            mgdspr.add("brand_boost", brandBoost);
        }
        if (this == MGDSPR_POST_FILTER || this == MGDSPR_PRE_FILTER) {
            JsonObject control = new JsonObject();
            control.addProperty("mode", "auto");
            control.addProperty("apply", this == MGDSPR_PRE_FILTER ? "pre_filter" : "post_filter");
            // a category-only query names the category, which titles rarely repeat but the product's fields hold
            JsonArray fields = new JsonArray();
            List.of(ShopIndexes.TITLE_FIELD, "category", "leaf_category", "brand").forEach(fields::add);
            control.add("fields", fields);
            mgdspr.add("relevance_control", control);
        }
        String fusion = switch (this) {
            case FUSED_UNION -> "union";
            case FUSED_RRF, FUSED_RRF_SHARD_TIES, FUSED_RRF_ITEM_ID_TIES -> "rrf";
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
        if (this == FUSED_RRF_SHARD_TIES) {
            mgdspr.addProperty("tie_order", "shard");
        } else if (this == FUSED_RRF_ITEM_ID_TIES) {
            JsonObject tieOrder = new JsonObject();
            tieOrder.addProperty("field", ShopIndexes.ITEM_ID_FIELD);
            mgdspr.add("tie_order", tieOrder);
        }
        return mgdspr;
    }
}
