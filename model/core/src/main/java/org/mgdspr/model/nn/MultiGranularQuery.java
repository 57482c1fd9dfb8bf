package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * The multi-granular semantic unit (paper §3.2.1, Eq. 2-8). Input: a {@link QueryInput}. Output {@code Q (B, R, d)} with rows
 * {@code [g1; g2; s; ss; hs; mix]} (R = 6), where {@code ss} is the masked mean of a one-layer pre-LN Transformer
 * over the query words with learned positions, {@code hs = softmax(s · Hᵀ) · H} over history words and
 * {@code mix} the sum of the other rows. With {@code use_query_history} off {@code hs} is dropped (R = 5); with
 * {@code multi_granular} off Q is the word mean {@code s} alone (R = 1), the Table 2 ablation base.
 */
public final class MultiGranularQuery extends AbstractBlock {

    private final TowerConfig tower;
    private final int maxWords;
    private final Parameter positions;
    private final TransformerEncoderLayer wordEncoder;

    public MultiGranularQuery(ModelConfig config) {
        this.tower = config.tower();
        this.maxWords = config.features().maxWords();
        if (tower.multiGranular()) {
            this.positions = addParameter(Parameter.builder().setName("word_positions")
                .setType(Parameter.Type.OTHER).optShape(new Shape(maxWords, tower.dim())).build());
            this.wordEncoder = addChildBlock("word_encoder", new TransformerEncoderLayer(
                tower.dim(), tower.heads(), tower.ffnDim(), (float) tower.attentionDropout(),
                Seeds.mix(config.train().seed(), "query.word_encoder")));
        } else {
            this.positions = null;
            this.wordEncoder = null;
        }
    }

    /** Rows of Q for a tower config: 6, 5 without query history, 1 without the multi-granular unit. */
    public static int rows(TowerConfig tower) {
        if (!tower.multiGranular()) {
            return 1;
        }
        return tower.useQueryHistory() ? 6 : 5;
    }

    /** The learned word positions {@code (maxWords, d)}, or null without the multi-granular unit. */
    public Parameter wordPositions() {
        return positions;
    }

    /** The Transformer over the query words, or null without the multi-granular unit. */
    public TransformerEncoderLayer wordEncoder() {
        return wordEncoder;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        QueryInput input = QueryInput.from(inputs, 0);
        NDArray words = input.words().values();
        NDArray wordMask = input.words().mask();
        NDArray s = input.words().mean();
        if (!tower.multiGranular()) {
            return new NDList(s.expandDims(1));
        }
        NDArray g1 = input.unigrams().mean();
        NDArray g2 = input.bigrams().mean();
        NDArray positioned = words.add(store.getValue(positions, words.getDevice(), training).expandDims(0));
        MaskedSequence positionedWords = new MaskedSequence(positioned, wordMask);
        NDArray encoded = wordEncoder.forward(store, positionedWords.toNDList(), training).singletonOrThrow();
        NDArray ss = new MaskedSequence(encoded, wordMask).mean();
        List<NDArray> rows = new ArrayList<>(List.of(g1, g2, s, ss));
        if (tower.useQueryHistory()) {
            MaskedSequence history = input.historyWords();
            NDArray hs = Attention.attend(s.expandDims(1), history.values(), history.mask(), tower.scaledAttention())
                .squeeze(1);
            rows.add(hs);
        }
        NDArray mix = rows.get(0);
        for (int i = 1; i < rows.size(); i++) {
            mix = mix.add(rows.get(i));
        }
        rows.add(mix);
        NDList stacked = new NDList(rows.size());
        rows.forEach(row -> stacked.add(row.expandDims(1)));
        return new NDList(NDArrays.concat(stacked, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), rows(tower), tower.dim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (wordEncoder != null) {
            wordEncoder.initialize(manager, dataType, new Shape(1, maxWords, tower.dim()), new Shape(1, maxWords));
        }
    }
}
