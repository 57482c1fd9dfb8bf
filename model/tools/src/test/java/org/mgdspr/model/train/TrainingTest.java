package org.mgdspr.model.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.nn.EmbeddingTable;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.ItemTower;
import org.mgdspr.model.twotower.TwoTowerModel;
import org.mgdspr.model.twotower.UserTower;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {

    private static final ModelConfig CONFIG = Fixtures.tiny();
    private static final FeatureConfig F = CONFIG.features();

    @Test
    void onlyTheTouchedEmbeddingRowsChangeInASparseStep() {
        Random random = new Random(1);
        List<TrainingExample> batch = new ArrayList<>();
        for (EncodedUser user : Fixtures.users(F, random, 4)) {
            batch.add(new TrainingExample(user, Fixtures.item(F, random)));
        }
        List<EncodedItem> negatives = Fixtures.items(F, random, 24);
        try (TwoTowerModel model = TwoTowerModel.create(CONFIG);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            EmbeddingTable words = model.userTower().embedder().wordTable();
            int touchedWord = batch.get(0).user().words()[0];
            int untouchedWord = untouched(batch, negatives, F.wordBuckets());
            float[] touchedBefore = row(words, touchedWord);
            float[] untouchedBefore = row(words, untouchedWord);
            int pagesBefore = words.values().allocatedPages();
            int unusedToken = untouched(batch, negatives, F.titleBuckets());
            List<EncodedItem> cold = List.of(new EncodedItem(F.itemIdBuckets() - 1,
                new int[] {unusedToken, 0, 0, 0, 0, 0}));
            float[][] coldBefore = model.embedItems(cold);

            training.step(batch, negatives);

            assertTrue(differs(coldBefore[0], model.embedItems(cold)[0]),
                "the dense title projection was updated too");

            assertNotEquals(0, touchedBefore.length);
            assertTrue(differs(touchedBefore, row(words, touchedWord)), "a word of the batch was updated");
            assertArrayEquals(untouchedBefore, row(words, untouchedWord), "a word outside the batch is untouched");
            assertEquals(0, pagesBefore);
            int distinctWordPages = (int) batch.stream().flatMapToInt(e -> Arrays.stream(e.user().words()))
                .filter(id -> id != 0).map(id -> id / 256).distinct().count();
            assertEquals(distinctWordPages, words.values().allocatedPages(), "only pages of touched rows exist");
        }
    }

    @Test
    void behaviourTablesOfRealTimeAndLongTermItemsAreTrained() {
        Random random = new Random(3);
        List<TrainingExample> batch = new ArrayList<>();
        for (EncodedUser user : Fixtures.users(F, random, 4)) {
            batch.add(new TrainingExample(user, Fixtures.item(F, random)));
        }
        try (TwoTowerModel model = TwoTowerModel.create(CONFIG);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            EmbeddingTable brands = model.userTower().embedder().tables().stream()
                .filter(table -> table.name().equals("brand")).findFirst().orElseThrow();
            int realTimeBrand = batch.get(0).user().realTime().brands()[0];
            int longTermBrand = batch.get(0).user().longTerm()[LongTermList.BRAND_CLICK.ordinal()][0];
            float[] realTimeBefore = row(brands, realTimeBrand);
            float[] longTermBefore = row(brands, longTermBrand);
            for (int step = 0; step < 3; step++) {
                training.step(batch, Fixtures.items(F, random, 24));
            }
            assertTrue(differs(realTimeBefore, row(brands, realTimeBrand)), "a real-time brand row was trained");
            assertTrue(differs(longTermBefore, row(brands, longTermBrand)), "a long-term brand row was trained");
        }
    }

    @Test
    void inputsTheTowerIgnoresAreNeitherLookedUpNorUpdated() {
        ModelConfig config = Fixtures.tiny("\"user_tower\": \"alpha_dnn\", \"use_short_term\": false", "");
        Random random = new Random(6);
        List<TrainingExample> batch = new ArrayList<>();
        for (EncodedUser user : Fixtures.users(F, random, 4)) {
            batch.add(new TrainingExample(user, Fixtures.item(F, random)));
        }
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            training.step(batch, Fixtures.items(F, random, 24));
            for (EmbeddingTable table : model.userTower().embedder().tables()) {
                boolean unused = List.of("unigram", "bigram").contains(table.name());
                assertEquals(unused, table.values().allocatedPages() == 0, table.name());
            }
        }
    }

    @Test
    void trainingReducesTheLossOnATinySyntheticProblem() {
        // 12 queries, each with one distinct word; the clicked item shares that word in its title
        ModelConfig config = Fixtures.tiny("\"item_id_dropout\": 0.3", "");
        Random random = new Random(2);
        List<TrainingExample> examples = new ArrayList<>();
        List<EncodedItem> catalog = new ArrayList<>();
        for (int q = 0; q < 12; q++) {
            EncodedUser user = Fixtures.user(F, random);
            int[] words = new int[F.maxWords()];
            words[0] = 10 + q;
            EncodedUser query = new EncodedUser(user.unigrams(), user.bigrams(), words, user.historyWords(),
                user.realTime(), user.shortTerm(), user.longTerm());
            EncodedItem clicked = new EncodedItem(100 + q, new int[] {10 + q, 0, 0, 0, 0, 0});
            examples.add(new TrainingExample(query, clicked));
            catalog.add(clicked);
        }
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            List<Float> losses = new ArrayList<>();
            for (int step = 0; step < 40; step++) {
                List<EncodedItem> negatives = new ArrayList<>(catalog);
                negatives.addAll(Fixtures.items(F, random, 12));
                losses.add(training.step(examples, negatives));
            }
            double first = losses.subList(0, 5).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
            double last = losses.subList(35, 40).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
            assertTrue(last < 0.5 * first, "loss went from " + first + " to " + last);

            float[][] users = model.embedUsers(examples.stream().map(TrainingExample::user).toList());
            float[][] items = model.embedItems(catalog);
            int correct = 0;
            for (int q = 0; q < users.length; q++) {
                int best = 0;
                for (int i = 1; i < items.length; i++) {
                    if (dot(users[q], items[i]) > dot(users[q], items[best])) {
                        best = i;
                    }
                }
                correct += best == q ? 1 : 0;
            }
            assertTrue(correct >= 10, "retrieved the clicked item for " + correct + " of 12 queries");
        }
    }

    @Test
    void saveAndLoadGiveBitIdenticalOutputsAndTowersLoadSeparately(@TempDir Path dir) throws IOException {
        for (String variant : List.of("", "\"user_tower\": \"alpha_dnn\"")) {
            ModelConfig config = Fixtures.tiny(variant, "");
            Random random = new Random(3);
            List<EncodedUser> users = Fixtures.users(F, random, 5);
            List<EncodedItem> items = Fixtures.items(F, random, 7);
            Path target = dir.resolve(variant.isEmpty() ? "mgdspr" : "alpha");
            float[][] userVectors;
            float[][] itemVectors;
            try (TwoTowerModel model = TwoTowerModel.create(config);
                 TwoTowerTraining training = new TwoTowerTraining(model)) {
                List<TrainingExample> batch = new ArrayList<>();
                for (int i = 0; i < users.size(); i++) {
                    batch.add(new TrainingExample(users.get(i), items.get(i)));
                }
                training.step(batch, items);
                training.step(batch, items);
                userVectors = model.embedUsers(users);
                itemVectors = model.embedItems(items);
                model.save(target);
            }
            try (TwoTowerModel loaded = TwoTowerModel.load(target)) {
                assertArrayEquals(userVectors, loaded.embedUsers(users));
                assertArrayEquals(itemVectors, loaded.embedItems(items));
            }
            try (UserTower user = UserTower.load(target.resolve(TwoTowerModel.USER_DIR));
                 ItemTower item = ItemTower.load(target.resolve(TwoTowerModel.ITEM_DIR))) {
                assertArrayEquals(userVectors, user.embed(users));
                assertArrayEquals(itemVectors, item.embed(items));
            }
        }
    }

    @Test
    void sharedWordVocabularyStaysSharedAfterLoading(@TempDir Path dir) throws IOException {
        ModelConfig config = ModelConfig.fromJson(CONFIG.toJson().replace("\"share_word_vocabulary\": false",
            "\"share_word_vocabulary\": true"));
        assertTrue(config.features().shareWordVocabulary());
        Random random = new Random(4);
        List<EncodedUser> users = Fixtures.users(config.features(), random, 3);
        List<EncodedItem> items = Fixtures.items(config.features(), random, 8);
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            training.step(List.of(new TrainingExample(users.get(0), items.get(0))), items);
            model.save(dir);
            try (TwoTowerModel loaded = TwoTowerModel.load(dir);
                 ItemTower item = ItemTower.load(dir.resolve(TwoTowerModel.ITEM_DIR))) {
                assertTrue(loaded.itemTower().embedder().titleTable() == loaded.userTower().embedder().wordTable());
                assertArrayEquals(model.embedItems(items), loaded.embedItems(items));
                assertArrayEquals(model.embedItems(items), item.embed(items));
                assertArrayEquals(model.embedUsers(users), loaded.embedUsers(users));
            }
        }
    }

    private static int untouched(List<TrainingExample> batch, List<EncodedItem> negatives, int buckets) {
        Set<Integer> seen = new HashSet<>();
        negatives.forEach(item -> Arrays.stream(item.titleTokens()).forEach(seen::add));
        for (TrainingExample e : batch) {
            for (int[] ids : List.of(e.user().words(), e.user().historyWords(), e.clicked().titleTokens())) {
                for (int id : ids) {
                    seen.add(id);
                }
            }
        }
        for (int id = buckets - 1; id > 0; id--) {
            if (!seen.contains(id)) {
                return id;
            }
        }
        throw new AssertionError("no untouched id");
    }

    private static float[] row(EmbeddingTable table, int id) {
        float[] row = new float[table.width()];
        table.values().read(id, row, 0);
        return row;
    }

    private static boolean differs(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return true;
            }
        }
        return false;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
