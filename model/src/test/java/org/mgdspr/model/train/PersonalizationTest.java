package org.mgdspr.model.train;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TrainConfig;
import org.mgdspr.model.data.CatalogKeyTerms;
import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.EvaluationOptions;
import org.mgdspr.model.eval.EvaluationReport;
import org.mgdspr.model.eval.RetrievalEvaluator;
import org.mgdspr.model.simulate.SimulatedLog;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded tiny simulated shop trains in CI time, and the user context pays off where the simulator says it must:
 * on ambiguous queries (a category or a brand alone), the user's taste picks among many relevant items. Measured:
 * about 40 s for 6 epochs of 2,208 examples on two shared cores. The learning rate is raised to 1.0 so a few
 * epochs move the behaviour embeddings far enough to matter.
 */
class PersonalizationTest {

    static final String PERSONALIZATION_CONFIG = """
        {"preset": "small",
         "features": {"unigram_buckets": 2000, "bigram_buckets": 2000, "word_buckets": 2000,
                      "history_buckets": 2000, "title_buckets": 2000, "item_id_buckets": 4096,
                      "shop_buckets": 512, "leaf_category_buckets": 256, "category_buckets": 64,
                      "brand_buckets": 512, "share_word_vocabulary": true,
                      "max_unigrams": 16, "max_bigrams": 6, "max_words": 6, "max_history_words": 10,
                      "max_real_time": 10, "max_short_term": 20, "max_long_term": 10, "max_title_tokens": 16},
         "tower": {"dim": 32, "item_id_dim": 16, "shop_dim": 4, "leaf_category_dim": 4, "category_dim": 4,
                   "brand_dim": 4, "heads": 2, "ffn_dim": 64, "item_id_dropout": 0.0},
         "loss": {"random_negatives": 128, "hard_negatives": 16}}
        """;

    @Test
    @Timeout(180)
    @Disabled("Open problem of the model issue: the user context is not learned. This setup cannot show it either way: "
        + "lr 1.0 diverges (mean loss 4.95 -> 13.9 in epoch 2, query rows of norm 18, short-term attention logits up to "
        + "77) and the model ends near chance (recall@50 0.17 overall), and in the 500-item world every ambiguous scope "
        + "fits in the top 50, so even ranking the scope by the true taste gains nothing at recall@50. Trained properly "
        + "(lr 0.05, initial accumulator 1e-4) on a 2,000-item, 300-user world, the context still adds nothing "
        + "(ambiguous recall@10 0.274 vs 0.279 without), although the attention is not collapsed on the zero row "
        + "(zero-row weight 0.14-0.48) and the behaviour rows move; see results/model/README.md, open issues.")
    void userContextBeatsTheSameModelWithoutItOnAmbiguousQueries() throws IOException {
        SimulatedLog log = new WorldSimulator(SimulationConfig.tiny(11).withUsers(150)).generate();
        Dataset world = log.dataset();
        ModelConfig config = ModelConfig.fromJson(PERSONALIZATION_CONFIG)
            .with(new TrainConfig(128, 6, 1.0, 0.1, 0.1, 3.0, 17, 0, 0));
        TrainOptions options = TrainOptions.defaults().withProgress(null).withValidation(0.1, 100, 50);
        long start = System.nanoTime();
        TrainingResult result = new Trainer(config, options).train(world);
        try (var model = result.model()) {
            Predicate<SearchRequest> ambiguous = r -> log.isAmbiguous(SimulatedLog.requestIndex(r.requestId()));
            EvaluationReport report = new RetrievalEvaluator(new EvaluationOptions(new int[] {10, 50}, 0, false, true))
                .evaluate(model, world.catalog(), world.test(), world.labels(),
                    CatalogKeyTerms.lexicon(world.catalog(), "en"), Map.of("ambiguous", ambiguous));
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Map<String, Double>> segment = report.segments().get("ambiguous");
            double withUser = segment.get(EvaluationReport.MODEL).get("recall@50");
            double withoutUser = segment.get(EvaluationReport.NO_USER).get("recall@50");
            System.out.printf(Locale.ROOT, "ambiguous recall@50 %.4f with user context, %.4f without (%.0f requests);"
                + " %.1f s, %.0f examples/s%n", withUser, withoutUser, segment.get(EvaluationReport.MODEL).get("requests"),
                seconds, result.examplesPerSecond());
            // measured: 0.2549 with vs 0.1716 without (margin 0.083), reproducibly; one full-module run gave 0.3627 vs
            // 0.1471; require 0.04
            assertTrue(withUser >= withoutUser + 0.04,
                "user context must help on ambiguous queries: " + withUser + " vs " + withoutUser);
            assertTrue(segment.get(EvaluationReport.MODEL).get("requests") >= 15, "enough ambiguous test requests");
        }
    }
}
