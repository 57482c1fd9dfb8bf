package org.mgdspr.plugin.serving;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.KeyTerm;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.features.QueryTokens;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.serving.FastItemTower;
import org.mgdspr.model.serving.FastUserTower;
import org.mgdspr.model.spelling.SpellingCorrector;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.UserTower;
import org.mgdspr.plugin.cache.CachedModel;
import org.mgdspr.plugin.ingest.ItemText;

import java.util.ArrayList;
import java.util.List;

/**
 * A registered model loaded on one node: both towers, compiled into their serving forward ({@code model.serving}),
 * the feature encoder they were trained with and the key-term lexicon for relevance control, and the channel fusion
 * fitted for it. Embedding calls may run concurrently (the compiled towers are immutable).
 */
public final class ServedModel implements CachedModel {

    private final FeatureEncoder encoder;
    private final KeyTermLexicon keyTerms;
    private final FastItemTower itemTower;
    private final FastUserTower userTower;
    private final FusionSpec fittedFusion;
    private final Double fittedBrandBoostWeight;
    private final long memoryBytes;

    private ServedModel(FeatureEncoder encoder, KeyTermLexicon keyTerms, FastItemTower itemTower,
                        FastUserTower userTower, FusionSpec fittedFusion, Double fittedBrandBoostWeight,
                        long memoryBytes) {
        this.encoder = encoder;
        this.keyTerms = keyTerms;
        this.fittedFusion = fittedFusion;
        this.fittedBrandBoostWeight = fittedBrandBoostWeight;
        this.itemTower = itemTower;
        this.userTower = userTower;
        this.memoryBytes = memoryBytes;
    }

    /**
     * Loads both towers with the engine and compiles them; the engine's copies of the dense weights are freed again
     * (the embedding tables live on the heap and are shared with the compiled towers). The engine must already be
     * started.
     */
    public static ServedModel load(MgdsprArtifact artifact) {
        FastItemTower itemTower;
        try (ItemTower loaded = artifact.loadItemTower()) {
            itemTower = loaded.compile();
        }
        FastUserTower userTower;
        try (UserTower loaded = artifact.loadUserTower()) {
            userTower = loaded.compile();
        }
        long parameterBytes = artifact.artifact().manifest().entries().entrySet().stream()
            .filter(entry -> entry.getKey().startsWith("user/") || entry.getKey().startsWith("item/"))
            .mapToLong(entry -> entry.getValue().size())
            .sum();
        FeatureEncoder encoder = artifact.encoder();
        long spellingBytes = encoder.corrector().map(SpellingCorrector::ramBytesUsed).orElse(0L);
        return new ServedModel(encoder, artifact.keyTerms(), itemTower, userTower,
            artifact.fittedFusion().orElse(null), artifact.fittedBrandBoostWeight().orElse(null),
            parameterBytes + spellingBytes);
    }

    /** The key terms of the model's lexicon found in a query, as they appear in the catalog, in query order. */
    public List<String> detectKeyTerms(String queryText) {
        return keyTerms.detect(queryText).stream().map(KeyTerm::term).toList();
    }

    /** The fusion the trainer fitted for this model, or null. */
    public FusionSpec fittedFusion() {
        return fittedFusion;
    }

    /** The brand boost's weight the trainer fitted for this model (0: no boost helped), or null. */
    public Double fittedBrandBoostWeight() {
        return fittedBrandBoostWeight;
    }

    public float[][] embedItems(List<ItemText> items) {
        List<EncodedItem> encoded = new ArrayList<>(items.size());
        for (ItemText item : items) {
            encoded.add(encoder.encodeItem(item.itemId(), item.title()));
        }
        return itemTower.embed(encoded);
    }

    /**
     * The user tower's vector for a query and context, with the query words it read: spelling-corrected as the model
     * does, or, with {@code correctSpelling} off, as typed.
     */
    public EmbeddedQuery embedQuery(String query, UserContext context, boolean correctSpelling) {
        QueryTokens tokens = encoder.queryTokens(query, correctSpelling);
        return new EmbeddedQuery(userTower.embed(encoder.encodeUser(tokens, context)), tokens.words(),
            encoder.brandAffinity(context).shares());
    }

    /**
     * Parameters as stored (the compiled towers' float arrays take the same space) and the spelling corrector's
     * index and vocabulary, when the model has one.
     */
    @Override
    public long memoryBytes() {
        return memoryBytes;
    }

    /** Nothing to free: the compiled towers hold heap arrays only. */
    @Override
    public void close() {}
}
