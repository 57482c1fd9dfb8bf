package org.mgdspr.model.features;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureHasherTest {

    private static FeatureConfig config(boolean shared) {
        FeatureConfig small = ModelConfig.preset("small").features();
        return new FeatureConfig(small.language(), 1000, 1000, 5000, 7000, 9000, 100, 50, 20, 10, 30, shared,
            small.maxUnigrams(), small.maxBigrams(), small.maxWords(), small.maxHistoryWords(), small.maxRealTime(),
            small.maxShortTerm(), small.maxLongTerm(), small.maxTitleTokens(), small.titleSubwords(),
            small.spellingCorrection());
    }

    @Test
    void rawHashIsPinnedSoIdsAgreeAcrossJvmsAndReleases() {
        // pinned values: if these change, every trained model's embedding rows silently move
        assertEquals(FeatureHasher.rawHash("word", "shoe"), FeatureHasher.rawHash("word", "shoe"));
        assertEquals(-1903710814, FeatureHasher.rawHash("word", "shoe"));
        assertEquals(1463284775, FeatureHasher.rawHash("uni", "鞋"));
    }

    @Test
    void idsStayInsideTheTableAndZeroIsPadding() {
        FeatureHasher hasher = new FeatureHasher(config(false));
        assertEquals(0, hasher.hash(HashTable.WORD, ""));
        assertEquals(0, hasher.hash(HashTable.BRAND, null));
        for (int i = 0; i < 10_000; i++) {
            int id = hasher.hash(HashTable.CATEGORY, "c" + i);
            assertTrue(id >= 1 && id < 10, "id out of range: " + id);
        }
    }

    @Test
    void namespacesSeparateTablesUnlessTheWordVocabularyIsShared() {
        FeatureHasher separate = new FeatureHasher(config(false));
        FeatureHasher shared = new FeatureHasher(config(true));
        int sameRowSeparate = 0;
        for (int i = 0; i < 200; i++) {
            String word = "word" + i;
            if (separate.hash(HashTable.TITLE, word) == separate.hash(HashTable.WORD, word)) {
                sameRowSeparate++;
            }
            assertEquals(shared.hash(HashTable.WORD, word), shared.hash(HashTable.TITLE, word));
            assertEquals(shared.hash(HashTable.WORD, word), shared.hash(HashTable.HISTORY, word));
        }
        assertTrue(sameRowSeparate < 5, "separate tables collide too often: " + sameRowSeparate);
        assertEquals(5000, shared.buckets(HashTable.TITLE));
        assertEquals(HashTable.WORD, shared.storageTable(HashTable.HISTORY));
        assertEquals(HashTable.HISTORY, separate.storageTable(HashTable.HISTORY));
        assertEquals(9000, separate.buckets(HashTable.TITLE));
        assertNotEquals(separate.hash(HashTable.SHOP, "acme"), separate.hash(HashTable.BRAND, "acme"));
    }
}
