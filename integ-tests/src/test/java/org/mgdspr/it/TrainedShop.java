package org.mgdspr.it;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TrainConfig;
import org.mgdspr.model.data.CatalogKeyTerms;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.fusion.FusionMethod;
import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.model.fusion.ScoreNormalization;
import org.mgdspr.model.simulate.SimulatedLog;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.train.TrainOptions;
import org.mgdspr.model.train.Trainer;
import org.mgdspr.model.train.TrainingResult;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.IOException;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A seeded tiny simulated shop (500 products, 60 users, 30 days of searches) and a small MGDSPR model (the model
 * module's tiny test config) trained on its log inside the test in seconds. A few epochs suffice: the real-node tests
 * check serving, not model quality. The artifact carries {@link #FITTED_FUSION} as its fitted fusion and
 * {@link #FITTED_BRAND_BOOST_WEIGHT} as its brand boost's fitted weight, without a validation slice to fit them on.
 *
 * @param log      the simulated log with its catalog
 * @param artifact the packed model (zip bytes), as {@code mgdspr train} writes it
 */
record TrainedShop(SimulatedLog log, byte[] artifact) {

    private static final long SEED = 11;

    /** What {@code fusion: auto} runs with the shop's model. */
    static final FusionSpec FITTED_FUSION = new FusionSpec(FusionMethod.WEIGHTED, FusionSpec.DEFAULT_RANK_CONSTANT, 0.3,
        0.7, ScoreNormalization.Z_SCORE);

    /** What {@code brand_boost}'s {@code "weight": "auto"} runs with the shop's model. */
    static final double FITTED_BRAND_BOOST_WEIGHT = 0.5;

    static TrainedShop train() throws IOException {
        SimulatedLog log = new WorldSimulator(SimulationConfig.tiny(SEED)).generate();
        // the small preset's optimizer: embedding rows start from a small accumulator so a few epochs move them
        ModelConfig config = Fixtures.tiny()
            .with(new TrainConfig(128, 4, TrainConfig.ADAGRAD, 0.1, 0.1, 1e-4, 3.0, 17, 0, 0));
        TrainingResult result = new Trainer(config, TrainOptions.defaults().withProgress(null).withValidation(0, 0, 1))
            .train(log.dataset());
        try (TwoTowerModel model = result.model()) {
            MgdsprArtifact packed = MgdsprArtifact.pack(model,
                CatalogKeyTerms.lexicon(log.dataset().catalog(), config.features().language()), null,
                result.summaryJson(), FITTED_FUSION, FITTED_BRAND_BOOST_WEIGHT);
            return new TrainedShop(log, packed.artifact().toBytes());
        }
    }

    List<Product> products() {
        return log.dataset().catalog().products();
    }

    /** The first logged query that names only a category: which products fit is left to the user's taste. */
    String ambiguousCategoryQuery() {
        for (int i = 0; i < log.requestCount(); i++) {
            if (log.isAmbiguous(i) && log.intent(i).brand() < 0) {
                return log.request(i).query();
            }
        }
        throw new IllegalStateException("the simulated log has no category-only query");
    }

    /** Each user's context as of their last search, by user id, in the order of the users' last searches. */
    Map<String, UserContext> latestContexts() {
        Map<String, UserContext> contexts = new LinkedHashMap<>();
        for (int i = log.requestCount() - 1; i >= 0; i--) {
            String user = SimulatedLog.userId(log.requestUser(i));
            if (!contexts.containsKey(user)) {
                contexts.put(user, log.request(i).context());
            }
        }
        return contexts;
    }

    /**
     * Two users with different histories: both clicked recently, and no brand of one user's recent clicks is among
     * the other's.
     */
    List<String> twoUsersWithDifferentTastes() {
        Map<String, UserContext> contexts = latestContexts();
        List<String> users = contexts.keySet().stream().filter(u -> !contexts.get(u).realTime().isEmpty()).toList();
        for (String first : users) {
            for (String second : users) {
                if (!first.equals(second) && Collections.disjoint(recentBrands(contexts.get(first)), recentBrands(contexts.get(second)))) {
                    return List.of(first, second);
                }
            }
        }
        throw new IllegalStateException("no two simulated users with disjoint recent brands");
    }

    private static Set<String> recentBrands(UserContext context) {
        return context.realTime().stream().map(BehaviorItem::brand).collect(Collectors.toCollection(HashSet::new));
    }
}
