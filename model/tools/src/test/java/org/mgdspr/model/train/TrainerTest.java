package org.mgdspr.model.train;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TrainConfig;
import org.mgdspr.model.data.Catalog;
import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EnglishTokenizer;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;
import org.mgdspr.model.spelling.CatalogVocabulary;
import org.mgdspr.model.testing.Fixtures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {

    private static final Dataset FULL_WORLD = new WorldSimulator(SimulationConfig.tiny(3)).generate().dataset();
    /** The first 120 train requests: a few hundred examples, so each run is a handful of steps. */
    private static final Dataset WORLD = new Dataset(FULL_WORLD.catalog(), FULL_WORLD.train().subList(0, 120),
        FULL_WORLD.test(), FULL_WORLD.labels());

    private static ModelConfig config(long seed, int epochs, int evalEvery, int patience) {
        return Fixtures.tiny()
            .with(new TrainConfig(32, epochs, TrainConfig.ADAGRAD, 0.1, 0.1, 0.1, 3.0, seed, evalEvery, patience));
    }

    private static TrainOptions quiet() {
        return TrainOptions.defaults().withProgress(null).withValidation(0.1, 200, 50);
    }

    @Test
    void theSameSeedGivesTheSameModelAndCurve() throws IOException {
        List<EncodedItem> probe = probeItems(config(5, 1, 0, 0));
        float[][] first;
        List<TrainingCurve.Point> firstCurve;
        try (var result = new Closing(new Trainer(config(5, 1, 4, 0), quiet()).train(WORLD))) {
            first = result.value.model().embedItems(probe);
            firstCurve = result.value.curve().points();
        }
        try (var result = new Closing(new Trainer(config(5, 1, 4, 0), quiet()).train(WORLD))) {
            assertArrayEquals(first, result.value.model().embedItems(probe));
            assertEquals(firstCurve.stream().map(p -> p.meanLoss()).toList(),
                result.value.curve().points().stream().map(p -> p.meanLoss()).toList());
            assertEquals(firstCurve.stream().map(p -> p.validationRecall()).toList(),
                result.value.curve().points().stream().map(p -> p.validationRecall()).toList());
        }
        try (var result = new Closing(new Trainer(config(6, 1, 4, 0), quiet()).train(WORLD))) {
            assertNotEquals(first[0][0], result.value.model().embedItems(probe)[0][0], "another seed, another model");
        }
    }

    @Test
    void recordsTheCurveAndKeepsTheBestEvaluation(@org.junit.jupiter.api.io.TempDir Path checkpoints)
        throws IOException {
        TrainOptions options = quiet().withCheckpointDir(checkpoints);
        try (var result = new Closing(new Trainer(config(5, 2, 3, 0), options).train(WORLD))) {
            TrainingResult r = result.value;
            List<TrainingCurve.Point> points = r.curve().points();
            int stepsPerEpoch = (r.trainExamples() + 31) / 32;
            assertEquals(2L * r.trainExamples(), r.consumedExamples());
            assertTrue(points.size() >= 2 * stepsPerEpoch / 3, "an evaluation every 3 steps: " + points.size());
            double best = points.stream().mapToDouble(TrainingCurve.Point::validationRecall).max().orElseThrow();
            assertEquals(best, r.bestRecall());
            TrainingCurve.Point bestPoint = points.stream().filter(p -> p.validationRecall() == best).findFirst()
                .orElseThrow();
            assertEquals(bestPoint.step(), r.bestStep());
            assertTrue(r.validationRequests() > 0);
            assertTrue(r.examplesPerSecond() > 0);
            try (var files = Files.list(checkpoints)) {
                assertEquals(points.size(), files.count(), "one checkpoint per evaluation");
            }
            assertFalse(r.stoppedEarly());
            assertEquals(0, r.skippedSteps());
        }
    }

    @Test
    void earlyStoppingEndsTheRunAfterThePatienceIsUsedUp() throws IOException {
        // a learning rate this small leaves validation recall flat, so patience 1 stops after two evaluations
        ModelConfig frozen = Fixtures.tiny()
            .with(new TrainConfig(32, 5, TrainConfig.ADAGRAD, 1e-9, 0.1, 0.1, 3.0, 5, 2, 1));
        try (var result = new Closing(new Trainer(frozen, quiet()).train(WORLD))) {
            assertTrue(result.value.stoppedEarly());
            assertEquals(2, result.value.curve().points().size());
            assertEquals(2, result.value.bestStep());
        }
    }

    @Test
    void shufflingIsASeededPermutation() {
        int[] a = Trainer.shuffled(100, 9);
        assertArrayEquals(a, Trainer.shuffled(100, 9));
        assertFalse(java.util.Arrays.equals(a, Trainer.shuffled(100, 10)));
        assertArrayEquals(java.util.stream.IntStream.range(0, 100).toArray(), java.util.Arrays.stream(a).sorted().toArray());
    }

    @Test
    void examplesArePairsOfRequestAndClickedOrBoughtCatalogItem() {
        TrainingExamples examples = TrainingExamples.of(FULL_WORLD.train(),
            java.util.stream.IntStream.range(0, FULL_WORLD.train().size()).toArray(), FULL_WORLD.catalog());
        long expected = FULL_WORLD.train().stream().mapToLong(r -> TrainingExamples.targets(r).size()).sum();
        assertEquals(expected, examples.size() + examples.skipped());
        for (int e = 0; e < examples.size(); e += 97) {
            String itemId = FULL_WORLD.catalog().products().get(examples.item(e)).itemId();
            assertTrue(TrainingExamples.targets(FULL_WORLD.train().get(examples.request(e))).contains(itemId));
        }
    }

    @Test
    void aModelThatCorrectsSpellingIsTrainedWithTheVocabularyOfTheCatalogTitles() throws IOException {
        ModelConfig correcting = ModelConfig.fromJson(config(5, 1, 0, 0).toJson()
            .replace("\"spelling_correction\": false", "\"spelling_correction\": true"));
        try (var result = new Closing(new Trainer(correcting, quiet()).train(WORLD))) {
            assertEquals(CatalogVocabulary.of(WORLD.catalog().products().stream().map(Product::title).toList(),
                new EnglishTokenizer()), result.value.spellingVocabulary());
        }
        try (var result = new Closing(new Trainer(config(5, 1, 0, 0), quiet()).train(WORLD))) {
            assertNull(result.value.spellingVocabulary());
        }
    }

    @Test
    void validationRequestsAreJudgedByTheGradesOfTheirQueryWhereTheDatasetHasThem() {
        Catalog catalog = new Catalog(List.of(product("a"), product("b"), product("c")));
        ValidationJudgment graded = Trainer.judgment(new int[] {1},
            Map.of("a", 1.0, "b", 3.0, "c", 2.0, "not-in-the-catalog", 3.0), catalog, 1.0);
        assertArrayEquals(new int[] {1}, graded.targets());
        assertEquals(Map.of(1, 2.0, 2, 1.0), graded.gains(), "grade 1 is gain 0, the unknown item is left out");

        ValidationJudgment ungraded = Trainer.judgment(new int[] {0, 2}, Map.of(), catalog, 1.0);
        assertEquals(Map.of(0, 1.0, 2, 1.0), ungraded.gains(), "without grades each target has gain 1");
    }

    private static Product product(String itemId) {
        return new Product(itemId, "title of " + itemId, "", "", "", "");
    }

    private static List<EncodedItem> probeItems(ModelConfig config) {
        FeatureEncoder encoder = new FeatureEncoder(config.features());
        return WORLD.catalog().products().subList(0, 20).stream()
            .map(p -> encoder.encodeItem(p.itemId(), p.title())).toList();
    }

    /** Closes the trained model at the end of a try block. */
    private record Closing(TrainingResult value) implements AutoCloseable {
        @Override
        public void close() {
            value.model().close();
        }
    }
}
