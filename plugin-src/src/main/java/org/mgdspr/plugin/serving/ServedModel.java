package org.mgdspr.plugin.serving;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.KeyTerm;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.UserTower;
import org.mgdspr.plugin.cache.CachedModel;
import org.mgdspr.plugin.ingest.ItemText;

import java.util.ArrayList;
import java.util.List;

/**
 * A registered model loaded on one node: both towers, the feature encoder they were trained with and the key-term
 * lexicon for relevance control, and the channel fusion fitted for it. Embedding calls may run concurrently (the towers allow it).
 */
public final class ServedModel implements CachedModel {

    private final FeatureEncoder encoder;
    private final KeyTermLexicon keyTerms;
    private final ItemTower itemTower;
    private final UserTower userTower;
    private final FusionSpec fittedFusion;
    private final long memoryBytes;

    private ServedModel(FeatureEncoder encoder, KeyTermLexicon keyTerms, ItemTower itemTower, UserTower userTower,
                        FusionSpec fittedFusion, long memoryBytes) {
        this.encoder = encoder;
        this.keyTerms = keyTerms;
        this.fittedFusion = fittedFusion;
        this.itemTower = itemTower;
        this.userTower = userTower;
        this.memoryBytes = memoryBytes;
    }

    /** Loads both towers; the engine must already be started. */
    public static ServedModel load(MgdsprArtifact artifact) {
        ItemTower itemTower = artifact.loadItemTower();
        try {
            UserTower userTower = artifact.loadUserTower();
            long parameterBytes = artifact.artifact().manifest().entries().entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("user/") || entry.getKey().startsWith("item/"))
                .mapToLong(entry -> entry.getValue().size())
                .sum();
            return new ServedModel(artifact.encoder(), artifact.keyTerms(), itemTower, userTower,
                artifact.fittedFusion().orElse(null), parameterBytes);
        } catch (RuntimeException e) {
            itemTower.close();
            throw e;
        }
    }

    /** The key terms of the model's lexicon found in a query, as they appear in the catalog, in query order. */
    public List<String> detectKeyTerms(String queryText) {
        return keyTerms.detect(queryText).stream().map(KeyTerm::term).toList();
    }

    /** The fusion the trainer fitted for this model, or null. */
    public FusionSpec fittedFusion() {
        return fittedFusion;
    }

    public float[][] embedItems(List<ItemText> items) {
        List<EncodedItem> encoded = new ArrayList<>(items.size());
        for (ItemText item : items) {
            encoded.add(encoder.encodeItem(item.itemId(), item.title()));
        }
        return itemTower.embed(encoded);
    }

    public float[] embedUser(String query, UserContext context) {
        return userTower.embed(List.of(encoder.encodeUser(query, context)))[0];
    }

    /** Parameters as stored; the in-memory float tensors take the same space. */
    @Override
    public long memoryBytes() {
        return memoryBytes;
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
