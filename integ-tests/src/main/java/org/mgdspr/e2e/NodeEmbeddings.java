package org.mgdspr.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.features.UserContextJson;

import java.util.List;

/**
 * The vectors the baselines need precomputed, from the deployed model through the node's {@code _embed} endpoint:
 * item vectors for the no-pipeline ingest and user vectors for the plain {@code knn} query. They are the exact
 * vectors the pipeline and the {@code mgdspr} query compute, and computing them is never part of a measurement.
 */
final class NodeEmbeddings {

    /** The endpoint's limit of items per request. */
    private static final int BATCH = 1000;

    private final NodeClient node;
    private final String path;

    NodeEmbeddings(NodeClient node, String modelId) {
        this.node = node;
        this.path = "_plugins/mgdspr/models/" + modelId + "/_embed";
    }

    float[][] items(List<Product> products) {
        float[][] vectors = new float[products.size()][];
        for (int from = 0; from < products.size(); from += BATCH) {
            JsonArray items = new JsonArray();
            for (Product product : products.subList(from, Math.min(products.size(), from + BATCH))) {
                JsonObject item = new JsonObject();
                item.addProperty("item_id", product.itemId());
                item.addProperty("title", product.title());
                items.add(item);
            }
            JsonObject body = new JsonObject();
            body.add("items", items);
            float[][] batch = vectors(node.post(path, body.toString()));
            System.arraycopy(batch, 0, vectors, from, batch.length);
        }
        return vectors;
    }

    float[] user(String query, UserContext context) {
        JsonObject body = new JsonObject();
        body.addProperty("query", query);
        body.add("user", UserContextJson.toJson(context));
        return vectors(node.post(path, body.toString()))[0];
    }

    private static float[][] vectors(JsonObject response) {
        JsonArray rows = response.getAsJsonArray("vectors");
        float[][] vectors = new float[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = rows.get(i).getAsJsonArray();
            vectors[i] = new float[row.size()];
            int j = 0;
            for (JsonElement value : row) {
                vectors[i][j++] = value.getAsFloat();
            }
        }
        return vectors;
    }
}
