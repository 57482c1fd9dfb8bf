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
 * The user tower's embedding tables (paper Fig. 2) and the step from {@link UserIds} to the dense
 * {@link UserTowerInput} of the user-tower blocks. A behaviour item is the concatenation
 * {@code [item; shop; leaf; category; brand]} of its field embeddings, {@code d} wide. Long-term ids reuse the
 * behaviour field tables (paper reading, spec §8).
 */
public final class UserEmbedder {

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

    /**
     * Whether the configured tower reads the query's unigrams and bigrams: only the MGDSPR tower's multi-granular
     * unit does. Otherwise their tables are never looked up, and nothing should write to them.
     */
    public boolean readsQueryGrams() {
        return TowerConfig.MGDSPR.equals(tower.userTower()) && tower.multiGranular();
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

    /** The query-history word table: the word table itself when the word vocabulary is shared. */
    public EmbeddingTable historyWordTable() {
        return historyWords;
    }

    /** The behaviour field tables, which the long-term lists reuse. */
    public BehaviorTables behaviorTables() {
        return behavior;
    }

    /**
     * Requests every lookup of {@code ids} that the configured tower reads; resolve after materializing. Inputs the
     * tower ignores (unigrams and bigrams without the multi-granular unit or in alpha-DNN, history words without
     * {@code use_query_history}, disabled behaviour sequences) are not looked up, so their tables are neither read
     * nor updated; they resolve to length-0 sequences ({@code (B, 0, w)}, mask {@code (B, 0)}).
     */
    public PendingInputs<UserTowerInput> request(SparseLookup lookup, UserIds ids) {
        Objects.requireNonNull(lookup, "lookup");
        boolean mgdspr = TowerConfig.MGDSPR.equals(tower.userTower());
        boolean granular = readsQueryGrams();
        boolean history = tower.useQueryHistory() && (granular || !mgdspr);
        Supplier<MaskedSequence> unigramRows = tokens(lookup, unigrams, ids.unigrams(), granular);
        Supplier<MaskedSequence> bigramRows = tokens(lookup, bigrams, ids.bigrams(), granular);
        Supplier<MaskedSequence> wordRows = tokens(lookup, words, ids.words(), true);
        Supplier<MaskedSequence> historyRows = tokens(lookup, historyWords, ids.historyWords(), history);
        Supplier<MaskedSequence> realTime = behaviorSequence(lookup, ids.realTime(), tower.useRealTime());
        Supplier<MaskedSequence> shortTerm = behaviorSequence(lookup, ids.shortTerm(), tower.useShortTerm());
        NDArray longTerm = ids.longTerm();
        int actions = LongTermList.ACTIONS;
        List<Supplier<MaskedSequence>> longTermRows = new ArrayList<>(LongTermList.ATTRIBUTES);
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            EmbeddingTable table = behavior.longTermTable(attribute);
            if (tower.useLongTerm()) {
                NDArray lists = longTerm.get(":, {}:{}, :", attribute * actions, (attribute + 1) * actions);
                SparseLookup.Handle handle = lookup.request(table, lists);
                NDArray mask = UserBatcher.mask(lists);
                longTermRows.add(() -> new MaskedSequence(handle.get(), mask));
            } else {
                MaskedSequence empty = empty(longTerm.getManager(), new Shape(ids.batchSize(), actions, 0),
                    table.width());
                longTermRows.add(() -> empty);
            }
        }
        return () -> new UserTowerInput(
            new QueryInput(unigramRows.get(), bigramRows.get(), wordRows.get(), historyRows.get()),
            realTime.get(), shortTerm.get(), longTermRows.stream().map(Supplier::get).toList());
    }

    private static Supplier<MaskedSequence> tokens(SparseLookup lookup, EmbeddingTable table, NDArray ids,
                                                   boolean used) {
        if (!used) {
            MaskedSequence empty = empty(ids.getManager(), new Shape(ids.getShape().get(0), 0), table.width());
            return () -> empty;
        }
        SparseLookup.Handle handle = lookup.request(table, ids);
        NDArray mask = UserBatcher.mask(ids);
        return () -> new MaskedSequence(handle.get(), mask);
    }

    /** The five field embeddings concatenated into the d-wide behaviour vector, and the item-id mask. */
    private Supplier<MaskedSequence> behaviorSequence(SparseLookup lookup, BehaviorIdTensors ids, boolean used) {
        NDArray itemIds = ids.itemIds();
        if (!used) {
            MaskedSequence empty = empty(itemIds.getManager(), new Shape(itemIds.getShape().get(0), 0), dim);
            return () -> empty;
        }
        List<SparseLookup.Handle> fields = new ArrayList<>(BehaviorIdTensors.FIELDS);
        List<NDArray> fieldIds = ids.fields();
        for (int field = 0; field < BehaviorIdTensors.FIELDS; field++) {
            fields.add(lookup.request(behavior.fields().get(field), fieldIds.get(field)));
        }
        NDArray mask = UserBatcher.mask(itemIds);
        return () -> {
            NDList embedded = new NDList(BehaviorIdTensors.FIELDS);
            fields.forEach(handle -> embedded.add(handle.get()));
            return new MaskedSequence(NDArrays.concat(embedded, -1), mask);
        };
    }

    private static MaskedSequence empty(NDManager manager, Shape maskShape, int width) {
        return new MaskedSequence(manager.zeros(maskShape.add(width)), manager.zeros(maskShape));
    }
}
