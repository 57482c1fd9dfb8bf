package org.mgdspr.model.train;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.Product;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.nn.UserEmbedder;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;
import org.mgdspr.model.teacher.CachedTeacher;
import org.mgdspr.model.teacher.OnnxSentenceEncoder;
import org.mgdspr.model.teacher.TeacherSource;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The teacher phase on the tiny simulated shop with the bundled all-MiniLM-L6-v2: a fifth of the catalog's titles
 * is set aside, the phase sees the rest, and the mean cosine distance between the item tower's title vectors and
 * the teacher's projected vectors is measured on the set-aside titles before and after.
 */
class TeacherPhaseTest {

    private static final Dataset WORLD = new WorldSimulator(SimulationConfig.tiny(5)).generate().dataset();
    private static final ModelConfig CONFIG = Fixtures.tiny("\"l2_normalize\": true, \"title_projection\": false", "");
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    @TempDir
    static Path cache;
    private static OnnxSentenceEncoder encoder;
    private static CachedTeacher teacher;

    @BeforeAll
    static void loadTeacher() throws IOException {
        encoder = new OnnxSentenceEncoder(TeacherSource.resolve(TeacherSource.ALL_MINILM_L6_V2), 1);
        teacher = new CachedTeacher(encoder, cache);
    }

    @AfterAll
    static void closeTeacher() {
        encoder.close();
    }

    @Test
    void distillationLowersTheDistanceOnSetAsideTitles() {
        assertCloserBy(new TeacherGuidance(teacher, false, 30, false), "distillation", 0.2);
    }

    @Test
    void initialisationAloneMovesSetAsideTitlesTowardsTheTeacher() {
        assertCloserBy(new TeacherGuidance(teacher, true, 0, false), "initialisation", 0.1);
    }

    @Test
    void initialisationWritesOnlyTheTablesTheUserTowerReads() {
        for (boolean granular : new boolean[] {true, false}) {
            ModelConfig config = Fixtures.tiny("\"l2_normalize\": true, \"title_projection\": false, "
                + "\"multi_granular\": " + granular, "");
            FeatureEncoder featureEncoder = new FeatureEncoder(config.features());
            List<Product> products = WORLD.catalog().products();
            List<String> queries = WORLD.train().stream().map(SearchRequest::query).distinct().toList();
            TeacherPhase phase = new TeacherPhase(new TeacherGuidance(teacher, true, 0, false), featureEncoder,
                titles(products), encode(featureEncoder, products), queries, config.tower().dim(), QUIET);
            try (TwoTowerModel model = TwoTowerModel.create(config)) {
                phase.apply(model, 32, 7, 1, QUIET);
                UserEmbedder user = model.userTower().embedder();
                assertEquals(granular, user.unigramTable().values().allocatedPages() > 0, "unigrams, " + granular);
                assertEquals(granular, user.bigramTable().values().allocatedPages() > 0, "bigrams, " + granular);
                assertTrue(user.wordTable().values().allocatedPages() > 0, "words, " + granular);
            }
        }
    }

    private static void assertCloserBy(TeacherGuidance guidance, String what, double margin) {
        Measured measured = measure(guidance);
        System.out.printf(Locale.ROOT, "set-aside title distance: %.4f before, %.4f after %s%n", measured.before,
            measured.after, what);
        assertTrue(measured.after < measured.before - margin, what + ": " + measured);
    }

    private record Measured(double before, double after) {}

    private static Measured measure(TeacherGuidance guidance) {
        FeatureEncoder featureEncoder = new FeatureEncoder(CONFIG.features());
        List<Product> products = WORLD.catalog().products();
        int cut = products.size() * 4 / 5;
        List<Product> seen = products.subList(0, cut);
        List<Product> setAside = products.subList(cut, products.size());
        List<String> queries = WORLD.train().stream().map(SearchRequest::query).distinct().toList();
        TeacherPhase phase = new TeacherPhase(guidance, featureEncoder, titles(seen), encode(featureEncoder, seen),
            queries, CONFIG.tower().dim(), QUIET);
        List<EncodedItem> heldOut = encode(featureEncoder, setAside);
        float[][] targets = teacher.embed(titles(setAside));
        try (TwoTowerModel model = TwoTowerModel.create(CONFIG)) {
            double before = meanDistance(model.embedItems(heldOut), targets, phase);
            phase.apply(model, 32, 7, 1, QUIET);
            return new Measured(before, meanDistance(model.embedItems(heldOut), targets, phase));
        }
    }

    private static double meanDistance(float[][] vectors, float[][] teacherVectors, TeacherPhase phase) {
        double sum = 0;
        for (int i = 0; i < vectors.length; i++) {
            float[] target = phase.projection().projectToUnit(teacherVectors[i]);
            double dot = 0;
            for (int k = 0; k < target.length; k++) {
                dot += vectors[i][k] * target[k];
            }
            sum += 1 - dot;
        }
        return sum / vectors.length;
    }

    private static List<String> titles(List<Product> products) {
        return products.stream().map(Product::title).toList();
    }

    private static List<EncodedItem> encode(FeatureEncoder encoder, List<Product> products) {
        return products.stream().map(product -> encoder.encodeItem(product.itemId(), product.title())).toList();
    }
}
