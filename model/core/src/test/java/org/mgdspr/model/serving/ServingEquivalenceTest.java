package org.mgdspr.model.serving;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.BehaviorIds;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.FeatureHasher;
import org.mgdspr.model.features.HashTable;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.nn.LazyRowMatrix;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The serving forward against the DJL forward, for every preset and every tower the trainer can produce: after L2
 * normalisation the vectors agree within 1e-4 on random inputs and on real-shaped ones (no context, every position
 * present, an empty query, holes, ids no training touched). Dense weights are perturbed away from their
 * initialisation and some table rows are written, as training would; the teacher variants write unit rows into the
 * text tables as the teacher initialisation does.
 */
class ServingEquivalenceTest {

    private static final double TOLERANCE = 1e-4;
    /** Ids below this have written ("trained") rows; ids above are read through the table initialiser. */
    private static final int TRAINED_IDS = 300;

    private static final String RECIPE = """
        "features": {"title_subwords": false},
        "tower": {"use_real_time": false, "use_short_term": false, "use_long_term": false,
                  "use_query_history": false, "multi_granular": false, "trm_fusion": false,
                  "sum_projection": false, "title_projection": false, "item_id_dropout": 1.0,
                  "l2_normalize": true %s}""";

    record Variant(String name, String json, boolean teacher) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Variant> variants() {
        return Stream.of(
            new Variant("small", "{\"preset\": \"small\"}", false),
            new Variant("paper", "{\"preset\": \"paper\"}", false),
            new Variant("paper alpha-DNN", "{\"preset\": \"paper\", \"tower\": {\"user_tower\": \"alpha_dnn\"}}", false),
            small("alpha-DNN", "\"user_tower\": \"alpha_dnn\""),
            small("alpha-DNN, no hidden layer, no history, no long-term", "\"user_tower\": \"alpha_dnn\", "
                + "\"alpha_dnn_hidden\": [], \"use_query_history\": false, \"use_long_term\": false"),
            small("without mgs", "\"multi_granular\": false"),
            small("without trm", "\"trm_fusion\": false"),
            small("without trm and sum projection", "\"trm_fusion\": false, \"sum_projection\": false"),
            small("without real-time", "\"use_real_time\": false"),
            small("without short-term", "\"use_short_term\": false"),
            small("without long-term", "\"use_long_term\": false"),
            small("without query history", "\"use_query_history\": false"),
            small("without behaviour", "\"use_real_time\": false, \"use_short_term\": false, "
                + "\"use_long_term\": false"),
            small("scaled attention", "\"scaled_attention\": true"),
            small("one LSTM layer", "\"lstm_layers\": 1"),
            small("three LSTM layers", "\"lstm_layers\": 3"),
            small("without title projection", "\"title_projection\": false"),
            small("l2-normalised", "\"l2_normalize\": true"),
            small("width 128", "\"dim\": 128, \"item_id_dim\": 96, \"ffn_dim\": 256"),
            new Variant("small, separate vocabularies",
                "{\"preset\": \"small\", \"features\": {\"share_word_vocabulary\": false}}", false),
            new Variant("recipe width 64 without teacher", "{\"preset\": \"small\", " + RECIPE.formatted("") + "}",
                false),
            new Variant("recipe width 64, teacher-initialised", "{\"preset\": \"small\", " + RECIPE.formatted("")
                + "}", true),
            new Variant("recipe width 128, teacher-initialised", "{\"preset\": \"small\", "
                + RECIPE.formatted(", \"dim\": 128, \"item_id_dim\": 96, \"ffn_dim\": 256") + "}", true),
            new Variant("recipe width 256 (the Home Depot default's towers), teacher-initialised", "{\"preset\": \"small\", "
                + RECIPE.formatted(", \"dim\": 256, \"item_id_dim\": 224, \"ffn_dim\": 256") + "}", true));
    }

    private static Variant small(String name, String tower) {
        return new Variant("small " + name, "{\"preset\": \"small\", \"tower\": {" + tower + "}}", false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void servingForwardGivesTheDjlVectors(Variant variant) {
        ModelConfig config = ModelConfig.fromJson(variant.json());
        SplittableRandom random = new SplittableRandom(variant.name().hashCode());
        try (TwoTowerModel model = TwoTowerModel.create(config)) {
            perturb(model.userTower().parameters(), random);
            perturb(model.itemTower().parameters(), random);
            List<EmbeddingTable> tables = new ArrayList<>(model.userTower().embedder().tables());
            tables.addAll(model.itemTower().embedder().tables());
            writeRows(tables, random, variant.teacher());
            Inputs inputs = new Inputs(config.features(), random);
            List<EncodedUser> users = inputs.users();
            List<EncodedItem> items = inputs.items();

            double userError = maxError(model.embedUsers(users), model.userTower().compile().embed(users));
            double itemError = maxError(model.embedItems(items), model.itemTower().compile().embed(items));
            System.out.printf("[%s] max |fast - djl| after normalisation: user %.2e, item %.2e%n", variant,
                userError, itemError);
            assertTrue(userError <= TOLERANCE, variant + ": user vectors differ by " + userError);
            assertTrue(itemError <= TOLERANCE, variant + ": item vectors differ by " + itemError);
        }
    }

    private static double maxError(float[][] expected, float[][] actual) {
        assertTrue(expected.length == actual.length, "one vector per input");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            float[] a = unit(expected[i]);
            float[] b = unit(actual[i]);
            assertTrue(a.length == b.length, "vector widths");
            for (int k = 0; k < a.length; k++) {
                max = Math.max(max, Math.abs(a[k] - b[k]));
            }
        }
        return max;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float[] unit = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            unit[k] = (float) (v[k] / Math.max(Math.sqrt(norm), 1e-12));
        }
        return unit;
    }

    /** Moves every dense parameter by up to 0.15 from its initial value, biases and norms included. */
    private static void perturb(List<Parameter> parameters, SplittableRandom random) {
        for (Parameter parameter : parameters) {
            NDArray array = parameter.getArray();
            float[] values = array.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                values[i] += (float) ((random.nextDouble() * 2 - 1) * 0.15);
            }
            try (NDArray source = array.getManager().create(values, array.getShape())) {
                array.set(new NDIndex("..."), source);
            }
        }
    }

    /** Writes rows {@code [1, TRAINED_IDS)} of every table: random, or unit length like the teacher's rows. */
    private static void writeRows(List<EmbeddingTable> tables, SplittableRandom random, boolean teacher) {
        Map<EmbeddingTable, Boolean> seen = new IdentityHashMap<>();
        for (EmbeddingTable table : tables) {
            if (seen.put(table, true) != null) {
                continue;
            }
            LazyRowMatrix matrix = table.values();
            int width = table.width();
            for (int row = 1; row < Math.min(TRAINED_IDS, table.rows()); row++) {
                float[] page = matrix.writablePage(row);
                int at = matrix.offsetInPage(row);
                double norm = 0;
                for (int k = 0; k < width; k++) {
                    page[at + k] = (float) (random.nextDouble() * 2 - 1) * 0.3f;
                    norm += page[at + k] * page[at + k];
                }
                for (int k = 0; teacher && k < width; k++) {
                    page[at + k] /= (float) Math.sqrt(norm);
                }
            }
        }
    }

    /** Random and real-shaped encoded inputs for one feature config. */
    private static final class Inputs {

        private final FeatureConfig f;
        private final FeatureHasher hasher;
        private final SplittableRandom random;

        Inputs(FeatureConfig f, SplittableRandom random) {
            this.f = f;
            this.hasher = new FeatureHasher(f);
            this.random = random;
        }

        List<EncodedUser> users() {
            List<EncodedUser> users = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                users.add(user(-1, false));
            }
            users.add(user(-1, true));
            users.add(user(0, false));
            users.add(user(Integer.MAX_VALUE, false));
            users.add(noContext(false));
            users.add(noContext(true));
            return users;
        }

        List<EncodedItem> items() {
            List<EncodedItem> items = new ArrayList<>();
            int titleBuckets = hasher.buckets(HashTable.TITLE);
            for (int i = 0; i < 6; i++) {
                int id = i % 2 == 0 ? 1 + random.nextInt(TRAINED_IDS - 1) : 1 + random.nextInt(f.itemIdBuckets() - 1);
                items.add(new EncodedItem(id, ids(f.maxTitleTokens(), random.nextInt(f.maxTitleTokens() + 1),
                    titleBuckets)));
            }
            items.add(new EncodedItem(1, new int[f.maxTitleTokens()]));
            items.add(new EncodedItem(f.itemIdBuckets() - 1, ids(f.maxTitleTokens(), f.maxTitleTokens(),
                titleBuckets)));
            return items;
        }

        /**
         * @param length present positions per array: -1 random, otherwise capped at each array's length
         * @param holes  clear some item ids inside the present prefix (their other fields stay)
         */
        private EncodedUser user(int length, boolean holes) {
            int[][] longTerm = new int[LongTermList.values().length][];
            for (LongTermList list : LongTermList.values()) {
                longTerm[list.ordinal()] = ids(f.maxLongTerm(), length, hasher.buckets(
                    FeatureEncoder.longTermTable(list)));
            }
            return new EncodedUser(ids(f.maxUnigrams(), length, f.unigramBuckets()),
                ids(f.maxBigrams(), length, f.bigramBuckets()), ids(f.maxWords(), length, f.wordBuckets()),
                ids(f.maxHistoryWords(), length, hasher.buckets(HashTable.HISTORY)),
                behavior(f.maxRealTime(), length, holes), behavior(f.maxShortTerm(), length, holes), longTerm);
        }

        /** A query alone, or an empty query, without any context. */
        private EncodedUser noContext(boolean emptyQuery) {
            int[][] longTerm = new int[LongTermList.values().length][f.maxLongTerm()];
            int words = emptyQuery ? 0 : 2;
            return new EncodedUser(ids(f.maxUnigrams(), 3 * words, f.unigramBuckets()),
                ids(f.maxBigrams(), words, f.bigramBuckets()), ids(f.maxWords(), words, f.wordBuckets()),
                new int[f.maxHistoryWords()], behavior(f.maxRealTime(), 0, false),
                behavior(f.maxShortTerm(), 0, false), longTerm);
        }

        private BehaviorIds behavior(int padded, int length, boolean holes) {
            int present = present(padded, length);
            int[] items = ids(padded, present, f.itemIdBuckets());
            for (int t = 1; holes && t < present - 1; t += 3) {
                items[t] = 0;
            }
            return new BehaviorIds(items, ids(padded, present, f.shopBuckets()),
                ids(padded, present, f.leafCategoryBuckets()), ids(padded, present, f.categoryBuckets()),
                ids(padded, present, f.brandBuckets()));
        }

        private int present(int padded, int length) {
            return length < 0 ? random.nextInt(padded + 1) : Math.min(padded, length);
        }

        /** {@code present(padded, length)} leading ids, half with written rows, half anywhere in the table. */
        private int[] ids(int padded, int length, int buckets) {
            int[] ids = new int[padded];
            int present = length < 0 ? present(padded, length) : Math.min(padded, length);
            for (int i = 0; i < present; i++) {
                ids[i] = random.nextBoolean()
                    ? 1 + random.nextInt(Math.min(TRAINED_IDS, buckets) - 1)
                    : 1 + random.nextInt(buckets - 1);
            }
            return ids;
        }
    }
}
