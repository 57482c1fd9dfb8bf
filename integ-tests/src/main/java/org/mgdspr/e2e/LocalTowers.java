package org.mgdspr.e2e;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.UserTower;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's towers in this process, for the inputs the baselines need precomputed: item vectors for the
 * no-pipeline ingest and user vectors for the plain {@code knn} query.
 */
final class LocalTowers implements AutoCloseable {

    private static final int BATCH = 256;

    private final FeatureEncoder encoder;
    private final ItemTower itemTower;
    private final UserTower userTower;

    LocalTowers(MgdsprArtifact artifact) {
        this.encoder = artifact.encoder();
        this.itemTower = artifact.loadItemTower();
        this.userTower = artifact.loadUserTower();
    }

    float[][] items(List<Product> products) {
        float[][] vectors = new float[products.size()][];
        for (int from = 0; from < products.size(); from += BATCH) {
            List<EncodedItem> batch = new ArrayList<>();
            for (Product product : products.subList(from, Math.min(products.size(), from + BATCH))) {
                batch.add(encoder.encodeItem(product.itemId(), product.title()));
            }
            float[][] embedded = itemTower.embed(batch);
            System.arraycopy(embedded, 0, vectors, from, embedded.length);
        }
        return vectors;
    }

    float[] user(String query, UserContext context) {
        return userTower.embed(List.of(encoder.encodeUser(query, context)))[0];
    }

    @Override
    public void close() {
        try {
            itemTower.close();
        } finally {
            userTower.close();
        }
    }
}
