package org.mgdspr.model.twotower;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.features.FeatureEncoder;
import org.mgdspr.model.features.UserContext;
import org.mgdspr.model.testing.Fixtures;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TowerTest {

    private static final ModelConfig CONFIG = Fixtures.tiny();
    private static final FeatureConfig F = CONFIG.features();

    @Test
    void vectorsHaveTheTowerWidth() {
        try (TwoTowerModel model = TwoTowerModel.create(CONFIG)) {
            float[][] users = model.embedUsers(Fixtures.users(F, new Random(1), 3));
            float[][] items = model.embedItems(Fixtures.items(F, new Random(2), 5));
            assertEquals(3, users.length);
            assertEquals(5, items.length);
            assertEquals(16, users[0].length);
            assertEquals(16, items[0].length);
        }
    }

    @Test
    void l2NormalizeGivesUnitRowsOnBothTowers() {
        try (TwoTowerModel model = TwoTowerModel.create(Fixtures.tiny("\"l2_normalize\": true", ""))) {
            for (float[] row : model.embedUsers(Fixtures.users(F, new Random(1), 3))) {
                assertEquals(1.0, norm(row), 1e-5);
            }
            for (float[] row : model.embedItems(Fixtures.items(F, new Random(2), 3))) {
                assertEquals(1.0, norm(row), 1e-5);
            }
        }
    }

    @Test
    void withoutProjectionsAQueryAndATitleOfTheSameWordsGetTheSameVector() {
        ModelConfig bare = ModelConfig.fromJson("""
            {"preset": "small", "features": {"title_subwords": false},
             "tower": {"use_real_time": false, "use_short_term": false, "use_long_term": false,
                       "use_query_history": false, "multi_granular": false, "trm_fusion": false,
                       "sum_projection": false, "title_projection": false, "l2_normalize": true}}
            """);
        FeatureEncoder encoder = new FeatureEncoder(bare.features());
        try (TwoTowerModel model = TwoTowerModel.create(bare)) {
            float[] query = model.embedUsers(List.of(encoder.encodeUser("cordless drill", UserContext.EMPTY)))[0];
            // an untrained item id embeds to zero, so the title alone makes the item vector
            float[] title = model.embedItems(List.of(encoder.encodeItem("sku-1", "Cordless Drill")))[0];
            assertArrayEquals(query, title, 1e-6f);
            float[] other = model.embedItems(List.of(encoder.encodeItem("sku-2", "Garden Hose")))[0];
            assertFalse(Arrays.equals(query, other));
        }
    }

    private static double norm(float[] row) {
        double sum = 0;
        for (float v : row) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    @Test
    void fullyEmptyContextGivesAFiniteVectorForEveryTowerVariant() {
        for (String tower : List.of("", "\"user_tower\": \"alpha_dnn\"", "\"trm_fusion\": false",
            "\"multi_granular\": false", "\"scaled_attention\": true")) {
            try (UserTower user = UserTower.create(Fixtures.tiny(tower, ""))) {
                float[][] vectors = user.embed(List.of(Fixtures.emptyContextUser(F), Fixtures.emptyContextUser(F, 4)));
                for (float[] vector : vectors) {
                    for (float v : vector) {
                        assertTrue(Float.isFinite(v), tower + " gave " + v);
                    }
                }
            }
        }
    }

    @Test
    void initialisationIsDeterministicForASeed() {
        List<EncodedUser> users = Fixtures.users(F, new Random(3), 2);
        List<EncodedItem> items = Fixtures.items(F, new Random(4), 2);
        try (TwoTowerModel a = TwoTowerModel.create(CONFIG); TwoTowerModel b = TwoTowerModel.create(CONFIG)) {
            assertArrayEquals(a.embedUsers(users), b.embedUsers(users));
            assertArrayEquals(a.embedItems(items), b.embedItems(items));
        }
    }

    @Test
    void aBatchRowDoesNotDependOnTheOtherRows() {
        List<EncodedUser> users = Fixtures.users(F, new Random(5), 4);
        try (UserTower user = UserTower.create(CONFIG)) {
            float[][] batched = user.embed(users);
            float[][] alone = user.embed(List.of(users.get(2)));
            for (int i = 0; i < batched[2].length; i++) {
                assertEquals(alone[0][i], batched[2][i], 1e-5);
            }
        }
    }

    @Test
    void everyUserTowerSwitchChangesTheVector() {
        List<EncodedUser> users = Fixtures.users(F, new Random(6), 3);
        float[][] base;
        try (UserTower user = UserTower.create(CONFIG)) {
            base = user.embed(users);
        }
        for (String flip : List.of("\"multi_granular\": false", "\"trm_fusion\": false", "\"use_real_time\": false",
            "\"use_short_term\": false", "\"use_long_term\": false", "\"use_query_history\": false",
            "\"scaled_attention\": true", "\"user_tower\": \"alpha_dnn\"")) {
            try (UserTower user = UserTower.create(Fixtures.tiny(flip, ""))) {
                assertDiffers(base, user.embed(users), flip);
            }
        }
    }

    @Test
    void everyAlphaDnnInputSwitchChangesTheVector() {
        List<EncodedUser> users = Fixtures.users(F, new Random(7), 3);
        String alpha = "\"user_tower\": \"alpha_dnn\"";
        float[][] base;
        try (UserTower user = UserTower.create(Fixtures.tiny(alpha, ""))) {
            base = user.embed(users);
        }
        for (String flip : List.of("\"use_real_time\": false", "\"use_short_term\": false",
            "\"use_long_term\": false", "\"use_query_history\": false")) {
            try (UserTower user = UserTower.create(Fixtures.tiny(alpha + ", " + flip, ""))) {
                assertDiffers(base, user.embed(users), "alpha_dnn " + flip);
            }
        }
    }

    @Test
    void sharingTheWordVocabularyChangesTheItemVector() {
        List<EncodedItem> items = Fixtures.items(F, new Random(8), 3);
        try (ItemTower separate = ItemTower.create(CONFIG);
             ItemTower shared = ItemTower.create(CONFIG.with(new FeatureConfig(F.language(), F.unigramBuckets(),
                 F.bigramBuckets(), F.wordBuckets(), F.historyBuckets(), F.titleBuckets(), F.itemIdBuckets(),
                 F.shopBuckets(), F.leafCategoryBuckets(), F.categoryBuckets(), F.brandBuckets(), true,
                 F.maxUnigrams(), F.maxBigrams(), F.maxWords(), F.maxHistoryWords(), F.maxRealTime(),
                 F.maxShortTerm(), F.maxLongTerm(), F.maxTitleTokens(), F.titleSubwords(), F.spellingCorrection())))) {
            assertDiffers(separate.embed(items), shared.embed(items), "share_word_vocabulary");
        }
    }

    @Test
    void anUntrainedItemIdIsRepresentedByItsTitle() {
        int[] title = {11, 12, 13, 0, 0, 0};
        try (ItemTower item = ItemTower.create(CONFIG)) {
            float[][] vectors = item.embed(List.of(new EncodedItem(101, title), new EncodedItem(1999, title),
                new EncodedItem(101, new int[] {14, 0, 0, 0, 0, 0})));
            assertArrayEquals(vectors[0], vectors[1], "cold ids add nothing: the title decides");
            assertDiffers(new float[][] {vectors[0]}, new float[][] {vectors[2]}, "different titles");
            double norm = 0;
            for (float v : vectors[0]) {
                norm += v * v;
            }
            assertTrue(norm > 1e-3, "the title vector is not degenerate: " + norm);
        }
    }

    static void assertDiffers(float[][] a, float[][] b, String what) {
        double difference = 0;
        for (int r = 0; r < a.length; r++) {
            for (int c = 0; c < a[r].length; c++) {
                difference = Math.max(difference, Math.abs(a[r][c] - b[r][c]));
            }
        }
        assertFalse(difference < 1e-4, what + " left the vectors unchanged");
    }
}
