package org.mgdspr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;

import java.util.List;
import java.util.Map;

/**
 * The product and user-profile indexes of the end-to-end runs: products go either through the item-embedding
 * pipeline or arrive with precomputed vectors (the ingest baseline); both map the vector field with the mapping the
 * registry derives from the model.
 */
final class ShopIndexes {

    static final String VECTOR_FIELD = "item_vec";
    static final String TITLE_FIELD = "title";
    /** A keyword field unique per item. */
    static final String ITEM_ID_FIELD = "item_id";
    static final int BULK_DOCS = 500;

    private final NodeClient node;
    private final String modelId;

    ShopIndexes(NodeClient node, String modelId) {
        this.node = node;
        this.modelId = modelId;
    }

    String pipeline() {
        return modelId + "-items";
    }

    void createPipeline() {
        node.put("_ingest/pipeline/" + pipeline(), """
            {"description": "MGDSPR item tower of model %s",
             "processors": [{"mgdspr_item_embedding": {"model_id": "%s", "target_field": "%s",
               "fields": {"item_id": "item_id", "title": "%s"}, "batch_size": 256}}]}
            """.formatted(modelId, modelId, VECTOR_FIELD, TITLE_FIELD));
    }

    /** (Re)creates a one-shard product index, so that every channel's {@code k} is a global top-k. */
    void createProductIndex(String index, boolean throughPipeline) {
        createProductIndex(index, throughPipeline, 1, 0);
    }

    /** (Re)creates the product index with the given shard and replica counts. */
    void createProductIndex(String index, boolean throughPipeline, int shards, int replicas) {
        node.deleteIfExists(index);
        JsonObject knnMapping = node.get("_plugins/mgdspr/models/" + modelId + "/_knn_mapping");
        JsonObject settings = new JsonObject();
        settings.addProperty("index.knn", true);
        settings.addProperty("number_of_shards", shards);
        settings.addProperty("number_of_replicas", replicas);
        settings.addProperty("refresh_interval", "-1");
        if (throughPipeline) {
            settings.addProperty("default_pipeline", pipeline());
        }
        JsonObject properties = new JsonObject();
        properties.add(VECTOR_FIELD, knnMapping);
        // the English analyzer, as the offline BM25 baseline of the evaluator uses: a fair lexical channel
        JsonObject title = type("text");
        title.addProperty("analyzer", "english");
        properties.add(TITLE_FIELD, title);
        for (String keyword : List.of(ITEM_ID_FIELD, "brand", "shop", "category", "leaf_category")) {
            properties.add(keyword, type("keyword"));
        }
        JsonObject body = new JsonObject();
        body.add("settings", settings);
        JsonObject mappings = new JsonObject();
        mappings.add("properties", properties);
        body.add("mappings", mappings);
        node.put(index, body.toString());
    }

    /**
     * Bulk-indexes the products in batches from one client and refreshes; {@code vectors} (parallel to products) are
     * sent as they are, {@code null} leaves embedding to the index's pipeline.
     *
     * @return seconds from the first bulk request to the end of the refresh
     */
    double bulk(String index, List<Product> products, float[][] vectors) {
        long start = System.nanoTime();
        StringBuilder body = new StringBuilder();
        int failures = 0;
        String firstFailure = null;
        for (int i = 0; i < products.size(); i++) {
            Product product = products.get(i);
            JsonObject doc = document(product);
            if (vectors != null) {
                JsonArray vector = new JsonArray(vectors[i].length);
                for (float value : vectors[i]) {
                    vector.add(value);
                }
                doc.add(VECTOR_FIELD, vector);
            }
            body.append("{\"index\":{\"_id\":").append(quote(product.itemId())).append("}}\n").append(doc).append('\n');
            if ((i + 1) % BULK_DOCS == 0 || i == products.size() - 1) {
                JsonObject response = node.bulk(index + "/_bulk", body.toString());
                if (response.get("errors").getAsBoolean()) {
                    for (var item : response.getAsJsonArray("items")) {
                        JsonObject result = item.getAsJsonObject().getAsJsonObject("index");
                        if (result.has("error")) {
                            failures++;
                            firstFailure = firstFailure == null ? result.get("error").toString() : firstFailure;
                        }
                    }
                }
                body.setLength(0);
            }
        }
        node.post(index + "/_refresh", null);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures > 0) {
            throw new IllegalStateException(failures + " products failed to index into " + index + ", first: "
                + firstFailure);
        }
        return seconds;
    }

    /** One profile document per user: the inline context fields plus the user id. */
    void indexProfiles(String index, Map<String, UserContext> profiles) {
        node.deleteIfExists(index);
        node.put(index, """
            {"settings": {"number_of_replicas": 0},
             "mappings": {"dynamic": false, "properties": {"user_id": {"type": "keyword"}}}}""");
        StringBuilder body = new StringBuilder();
        profiles.forEach((userId, context) -> {
            JsonObject doc = UserContextJson.toJson(context);
            doc.addProperty("user_id", userId);
            body.append("{\"index\":{\"_id\":").append(quote(userId)).append("}}\n").append(doc).append('\n');
        });
        node.bulk(index + "/_bulk?refresh=true", body.toString());
    }

    static JsonObject document(Product product) {
        JsonObject doc = new JsonObject();
        doc.addProperty(ITEM_ID_FIELD, product.itemId());
        doc.addProperty(TITLE_FIELD, product.title());
        doc.addProperty("brand", product.brand());
        doc.addProperty("shop", product.shop());
        doc.addProperty("category", product.category());
        doc.addProperty("leaf_category", product.leafCategory());
        return doc;
    }

    private static String quote(String text) {
        return new JsonPrimitive(text).toString();
    }

    private static JsonObject type(String name) {
        JsonObject type = new JsonObject();
        type.addProperty("type", name);
        return type;
    }
}
