package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.LongTermList;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

    /** The query word table, which the item tower reuses for titles when the word vocabulary is shared. */
    public EmbeddingTable wordTable() {
        return words;
    }

    /** Requests every lookup of {@code ids} (a {@link UserBatcher} list); resolve after materializing. */
    public PendingInputs request(SparseLookup lookup, NDList ids) {
        Objects.requireNonNull(lookup, "lookup");
        if (ids.size() != UserBatcher.SIZE) {
            throw new IllegalArgumentException("expected " + UserBatcher.SIZE + " id tensors, got " + ids.size());
        }
        List<SparseLookup.Handle> handles = new ArrayList<>();
        List<NDArray> masks = new ArrayList<>();
        requestTokens(lookup, unigrams, ids.get(UserBatcher.UNIGRAMS), handles, masks);
        requestTokens(lookup, bigrams, ids.get(UserBatcher.BIGRAMS), handles, masks);
        requestTokens(lookup, words, ids.get(UserBatcher.WORDS), handles, masks);
        requestTokens(lookup, historyWords, ids.get(UserBatcher.HISTORY_WORDS), handles, masks);
        List<List<SparseLookup.Handle>> sequences = List.of(
            requestBehavior(lookup, ids, UserBatcher.REAL_TIME, masks),
            requestBehavior(lookup, ids, UserBatcher.SHORT_TERM, masks));
        NDArray longTerm = ids.get(UserBatcher.LONG_TERM);
        int actions = LongTermList.ACTIONS;
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            NDArray lists = longTerm.get(":, {}:{}, :", attribute * actions, (attribute + 1) * actions);
            handles.add(lookup.request(behavior.longTermTable(attribute), lists));
            masks.add(UserBatcher.mask(lists));
        }
        return () -> {
            NDList out = new NDList(SIZE);
            for (int i = 0; i < 4; i++) {
                out.add(handles.get(i).get());
                out.add(masks.get(i));
            }
            for (int s = 0; s < sequences.size(); s++) {
                NDList fields = new NDList();
                sequences.get(s).forEach(h -> fields.add(h.get()));
                out.add(NDArrays.concat(fields, -1));
                out.add(masks.get(4 + s));
            }
            for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
                out.add(handles.get(4 + attribute).get());
                out.add(masks.get(6 + attribute));
            }
            return out;
        };
    }

    private static void requestTokens(SparseLookup lookup, EmbeddingTable table, NDArray ids,
                                      List<SparseLookup.Handle> handles, List<NDArray> masks) {
        handles.add(lookup.request(table, ids));
        masks.add(UserBatcher.mask(ids));
    }

    private List<SparseLookup.Handle> requestBehavior(SparseLookup lookup, NDList ids, int first, List<NDArray> masks) {
        List<SparseLookup.Handle> fields = new ArrayList<>(UserBatcher.FIELDS);
        for (int field = 0; field < UserBatcher.FIELDS; field++) {
            fields.add(lookup.request(behavior.fields().get(field), ids.get(first + field)));
        }
        masks.add(UserBatcher.mask(ids.get(first)));
        return fields;
    }
}
