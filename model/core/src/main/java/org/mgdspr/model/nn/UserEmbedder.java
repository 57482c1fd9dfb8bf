package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.LongTermList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The user tower's embedding tables (paper Fig. 2) and the step from {@link UserBatcher} id tensors to the dense
 * inputs of the user-tower blocks, in this fixed order ({@code d} = tower dim):
 *
 * <pre>
 *  0 UNIGRAMS      (B, maxUnigrams, d)        1 its mask (B, maxUnigrams)
 *  2 BIGRAMS       (B, maxBigrams, d)         3 mask
 *  4 WORDS         (B, maxWords, d)           5 mask
 *  6 HISTORY_WORDS (B, maxHistoryWords, d)    7 mask
 *  8 REAL_TIME     (B, maxRealTime, d)        9 mask     behaviour item = [item; shop; leaf; category; brand]
 * 10 SHORT_TERM    (B, maxShortTerm, d)      11 mask
 * 12 LONG_TERM     four attributes (item, shop, leaf category, brand), each as
 *                  (B, 3, maxLongTerm, fieldWidth) followed by its mask (B, 3, maxLongTerm), actions click/buy/collect
 * </pre>
 *
 * Long-term ids reuse the behaviour field tables (paper reading, spec §8). Masks are float32, 1 = present.
 */
public final class UserEmbedder {

    public static final int UNIGRAMS = 0;
    public static final int BIGRAMS = 2;
    public static final int WORDS = 4;
    public static final int HISTORY_WORDS = 6;
    public static final int REAL_TIME = 8;
    public static final int SHORT_TERM = 10;
    /** Attribute {@code a} (0 item, 1 shop, 2 leaf category, 3 brand) is at {@code LONG_TERM + 2a}. */
    public static final int LONG_TERM = 12;
    public static final int SIZE = 20;

    private final EmbeddingTable unigrams;
    private final EmbeddingTable bigrams;
    private final EmbeddingTable words;
    private final EmbeddingTable historyWords;
    private final BehaviorTables behavior;
    private final TowerConfig tower;
    private final int dim;

    public UserEmbedder(ModelConfig config) {
        FeatureConfig f = config.features();
        TowerConfig t = config.tower();
        long seed = config.train().seed();
        float std = (float) (1 / Math.sqrt(t.dim()));
        this.unigrams = EmbeddingTable.uniform("unigram", f.unigramBuckets(), t.dim(), std, seed);
        this.bigrams = EmbeddingTable.uniform("bigram", f.bigramBuckets(), t.dim(), std, seed);
        this.words = EmbeddingTable.uniform("word", f.wordBuckets(), t.dim(), std, seed);
        this.historyWords = f.shareWordVocabulary()
            ? words
            : EmbeddingTable.uniform("history_word", f.historyBuckets(), t.dim(), std, seed);
        this.behavior = new BehaviorTables(config);
        this.tower = t;
        this.dim = t.dim();
    }

    /** Distinct tables, each once even when shared. */
    public List<EmbeddingTable> tables() {
        List<EmbeddingTable> tables = new ArrayList<>(List.of(unigrams, bigrams, words));
        if (historyWords != words) {
            tables.add(historyWords);
        }
        tables.addAll(behavior.fields());
        return tables;
    }

    /** The query unigram table (CJK characters, or character trigrams of English words). */
    public EmbeddingTable unigramTable() {
        return unigrams;
    }

    /** The query bigram table (CJK character bigrams, or word pairs of English queries). */
    public EmbeddingTable bigramTable() {
        return bigrams;
    }

    /** The query word table, which the item tower reuses for titles when the word vocabulary is shared. */
    public EmbeddingTable wordTable() {
        return words;
    }

    /**
     * Requests every lookup of {@code ids} (a {@link UserBatcher} list) that the configured tower reads; resolve after
     * materializing. Inputs the tower ignores (unigrams and bigrams without the multi-granular unit or in alpha-DNN,
     * history words without {@code use_query_history}, disabled behaviour sequences) are not looked up, so their
     * tables are neither read nor updated; their slots hold length-0 tensors ({@code (B, 0, w)}, mask {@code (B, 0)}).
     */
    public PendingInputs request(SparseLookup lookup, NDList ids) {
        Objects.requireNonNull(lookup, "lookup");
        if (ids.size() != UserBatcher.SIZE) {
            throw new IllegalArgumentException("expected " + UserBatcher.SIZE + " id tensors, got " + ids.size());
        }
        boolean mgdspr = TowerConfig.MGDSPR.equals(tower.userTower());
        boolean granular = mgdspr && tower.multiGranular();
        boolean history = tower.useQueryHistory() && (granular || !mgdspr);
        List<Supplier<NDArray>> slots = new ArrayList<>(SIZE);
        tokens(slots, lookup, unigrams, ids.get(UserBatcher.UNIGRAMS), granular);
        tokens(slots, lookup, bigrams, ids.get(UserBatcher.BIGRAMS), granular);
        tokens(slots, lookup, words, ids.get(UserBatcher.WORDS), true);
        tokens(slots, lookup, historyWords, ids.get(UserBatcher.HISTORY_WORDS), history);
        behaviorSequence(slots, lookup, ids, UserBatcher.REAL_TIME, tower.useRealTime());
        behaviorSequence(slots, lookup, ids, UserBatcher.SHORT_TERM, tower.useShortTerm());
        NDArray longTerm = ids.get(UserBatcher.LONG_TERM);
        int actions = LongTermList.ACTIONS;
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            EmbeddingTable table = behavior.longTermTable(attribute);
            if (tower.useLongTerm()) {
                NDArray lists = longTerm.get(":, {}:{}, :", attribute * actions, (attribute + 1) * actions);
                SparseLookup.Handle handle = lookup.request(table, lists);
                NDArray mask = UserBatcher.mask(lists);
                slots.add(handle::get);
                slots.add(() -> mask);
            } else {
                long batch = longTerm.getShape().get(0);
                addEmpty(slots, longTerm.getManager(), new Shape(batch, actions, 0), table.width());
            }
        }
        return () -> {
            NDList out = new NDList(SIZE);
            slots.forEach(slot -> out.add(slot.get()));
            return out;
        };
    }

    private static void tokens(List<Supplier<NDArray>> slots, SparseLookup lookup, EmbeddingTable table, NDArray ids,
                               boolean used) {
        if (used) {
            SparseLookup.Handle handle = lookup.request(table, ids);
            NDArray mask = UserBatcher.mask(ids);
            slots.add(handle::get);
            slots.add(() -> mask);
        } else {
            addEmpty(slots, ids.getManager(), new Shape(ids.getShape().get(0), 0), table.width());
        }
    }

    /** The five field embeddings concatenated into the d-wide behaviour vector, and the item-id mask. */
    private void behaviorSequence(List<Supplier<NDArray>> slots, SparseLookup lookup, NDList ids, int first,
                                  boolean used) {
        NDArray itemIds = ids.get(first);
        if (!used) {
            addEmpty(slots, itemIds.getManager(), new Shape(itemIds.getShape().get(0), 0), dim);
            return;
        }
        List<SparseLookup.Handle> fields = new ArrayList<>(UserBatcher.FIELDS);
        for (int field = 0; field < UserBatcher.FIELDS; field++) {
            fields.add(lookup.request(behavior.fields().get(field), ids.get(first + field)));
        }
        NDArray mask = UserBatcher.mask(itemIds);
        slots.add(() -> {
            NDList embedded = new NDList(UserBatcher.FIELDS);
            fields.forEach(handle -> embedded.add(handle.get()));
            return NDArrays.concat(embedded, -1);
        });
        slots.add(() -> mask);
    }

    private static void addEmpty(List<Supplier<NDArray>> slots, NDManager manager, Shape maskShape, int width) {
        NDArray embedded = manager.zeros(maskShape.add(width));
        NDArray mask = manager.zeros(maskShape);
        slots.add(() -> embedded);
        slots.add(() -> mask);
    }
}
