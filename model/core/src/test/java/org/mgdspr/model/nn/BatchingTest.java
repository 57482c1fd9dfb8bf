package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.testing.Fixtures;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchingTest {

    private final ModelConfig config = Fixtures.tiny();
    private final FeatureConfig f = config.features();

    @Test
    void userIdsHaveTheDocumentedShapes() {
        List<EncodedUser> users = Fixtures.users(f, new Random(1), 3);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            UserIds ids = new UserBatcher(f).batch(manager, users);
            assertEquals(new Shape(3, f.maxUnigrams()), ids.unigrams().getShape());
            assertEquals(new Shape(3, f.maxBigrams()), ids.bigrams().getShape());
            assertEquals(new Shape(3, f.maxWords()), ids.words().getShape());
            assertEquals(new Shape(3, f.maxHistoryWords()), ids.historyWords().getShape());
            for (int field = 0; field < BehaviorIdTensors.FIELDS; field++) {
                assertEquals(new Shape(3, f.maxRealTime()), ids.realTime().fields().get(field).getShape());
                assertEquals(new Shape(3, f.maxShortTerm()), ids.shortTerm().fields().get(field).getShape());
            }
            assertEquals(new Shape(3, 12, f.maxLongTerm()), ids.longTerm().getShape());
            List<NDArray> all = new ArrayList<>(List.of(ids.unigrams(), ids.bigrams(), ids.words(),
                ids.historyWords(), ids.longTerm()));
            all.addAll(ids.realTime().fields());
            all.addAll(ids.shortTerm().fields());
            all.forEach(array -> assertEquals(DataType.INT64, array.getDataType()));

            long[] shops = ids.shortTerm().shops().toLongArray();
            assertEquals(users.get(1).shortTerm().shops()[2], shops[f.maxShortTerm() + 2]);
            long[] longTerm = ids.longTerm().toLongArray();
            assertEquals(users.get(2).longTerm()[5][1], longTerm[(2 * 12 + 5) * f.maxLongTerm() + 1]);

            float[] mask = UserBatcher.mask(ids.words()).toFloatArray();
            long[] words = ids.words().toLongArray();
            for (int i = 0; i < words.length; i++) {
                assertEquals(words[i] == 0 ? 0f : 1f, mask[i]);
            }
        }
    }

    @Test
    void itemIdsAndTitles() {
        List<EncodedItem> items = List.of(new EncodedItem(5, new int[] {3, 4, 0, 0, 0, 0}),
            new EncodedItem(9, new int[] {7, 0, 0, 0, 0, 0}));
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ItemIds ids = new ItemBatcher(f).batch(manager, items);
            assertArrayEquals(new long[] {5, 9}, ids.itemIds().toLongArray());
            assertEquals(new Shape(2, f.maxTitleTokens()), ids.titles().getShape());
            assertArrayEquals(new float[] {1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0},
                UserBatcher.mask(ids.titles()).toFloatArray());
        }
    }

    @Test
    void wrongPaddingAndNegativeIdsAreRejectedWithTheFieldName() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            ItemBatcher batcher = new ItemBatcher(f);
            IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> batcher.batch(manager, List.of(new EncodedItem(1, new int[] {1, 2}))));
            assertEquals("title_tokens must be padded to length 6 but has 2", tooShort.getMessage());
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> batcher.batch(manager, List.of(new EncodedItem(1, new int[] {1, -2, 0, 0, 0, 0}))));
            assertEquals("title_tokens contains the negative id -2", negative.getMessage());
        }
    }
}
