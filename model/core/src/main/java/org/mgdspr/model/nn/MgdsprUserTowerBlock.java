package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.LongTermList;

import java.util.ArrayList;
import java.util.List;

/**
 * The MGDSPR user tower (paper §3.2). Input: a {@link UserTowerInput}; output: the user vector {@code (B, d)}.
 *
 * <ul>
 *   <li>{@code Q} from {@link MultiGranularQuery};
 *   <li>{@code A_R = QAttn(Q, [0; MHSA(LSTM(X_R))])}, {@code A_S = QAttn(Q, [0; MHSA(X_S)])};
 *   <li>{@code A_L = sum over attributes a of QAttn(Q, [0; m_a,click; m_a,buy; m_a,collect])}, {@code m} the mean
 *       of a list's embeddings. A list's ids come from one field table narrower than d; its mean is placed in that
 *       field's columns of the d-wide behaviour layout (zeros elsewhere), so it lives in the same space as the
 *       concatenated behaviour items without an extra projection. An empty list is masked;
 *   <li>fusion ({@code trm_fusion}): {@code [CLS; Q; A_R; A_S; A_L]} plus learned row embeddings (the paper gives
 *       no positions; without them the layer could not tell {@code g1} from {@code A_R}) through one pre-LN
 *       Transformer layer, row 0 = user vector. Without {@code trm_fusion}: a linear layer on the sum over parts
 *       of each part's row mean (spec §9 ablation base), or that sum itself without {@code sum_projection}, which
 *       with the word mean as the only part leaves the query vector in the word table's own space.
 * </ul>
 * Disabled behaviour parts are left out. All-padding behaviour is absorbed by the zero rows.
 */
public final class MgdsprUserTowerBlock extends AbstractBlock {

    private final TowerConfig tower;
    private final MultiGranularQuery query;
    private final RealTimeEncoder realTime;
    private final MultiHeadSelfAttention shortTerm;
    private final Parameter cls;
    private final Parameter rowEmbeddings;
    private final TransformerEncoderLayer fusion;
    private final Linear sumProjection;

    public MgdsprUserTowerBlock(ModelConfig config) {
        this.tower = config.tower();
        int dim = tower.dim();
        long seed = config.train().seed();
        this.query = addChildBlock("query", new MultiGranularQuery(config));
        this.realTime = tower.useRealTime()
            ? addChildBlock("real_time", new RealTimeEncoder(tower, Seeds.mix(seed, "real_time")))
            : null;
        this.shortTerm = tower.useShortTerm()
            ? addChildBlock("short_term",
                new MultiHeadSelfAttention(dim, tower.heads(), (float) tower.attentionDropout(),
                    Seeds.mix(seed, "short_term")))
            : null;
        if (tower.trmFusion()) {
            this.cls = addParameter(Parameter.builder().setName("cls").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, dim)).build());
            this.rowEmbeddings = addParameter(Parameter.builder().setName("fusion_rows")
                .setType(Parameter.Type.OTHER).optShape(new Shape(fusionRows(tower), dim)).build());
            this.fusion = addChildBlock("fusion",
                new TransformerEncoderLayer(dim, tower.heads(), tower.ffnDim(), (float) tower.attentionDropout(),
                    Seeds.mix(seed, "fusion")));
            this.sumProjection = null;
        } else {
            this.cls = null;
            this.rowEmbeddings = null;
            this.fusion = null;
            this.sumProjection = tower.sumProjection()
                ? addChildBlock("sum_projection", Linear.builder().setUnits(dim).build()) : null;
        }
    }

    /** Rows entering the fusion layer: CLS, Q and one Q-shaped block per enabled behaviour part (25 in the paper). */
    public static int fusionRows(TowerConfig tower) {
        int parts = 1 + (tower.useRealTime() ? 1 : 0) + (tower.useShortTerm() ? 1 : 0) + (tower.useLongTerm() ? 1 : 0);
        return 1 + parts * MultiGranularQuery.rows(tower);
    }

    public MultiGranularQuery query() {
        return query;
    }

    /** The real-time encoder, or null when {@code use_real_time} is off. */
    public RealTimeEncoder realTime() {
        return realTime;
    }

    /** The short-term self-attention, or null when {@code use_short_term} is off. */
    public MultiHeadSelfAttention shortTerm() {
        return shortTerm;
    }

    /** The fusion's CLS row {@code (1, d)}, or null without {@code trm_fusion}. */
    public Parameter cls() {
        return cls;
    }

    /** The fusion's row embeddings {@code (fusionRows, d)}, or null without {@code trm_fusion}. */
    public Parameter rowEmbeddings() {
        return rowEmbeddings;
    }

    /** The fusion layer, or null without {@code trm_fusion}. */
    public TransformerEncoderLayer fusion() {
        return fusion;
    }

    /** The layer after the sum of the parts, or null with {@code trm_fusion} or without {@code sum_projection}. */
    public Linear sumProjection() {
        return sumProjection;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        UserTowerInput input = UserTowerInput.from(inputs);
        NDArray q = query.forward(store, input.query().toNDList(), training).singletonOrThrow();
        boolean scaled = tower.scaledAttention();
        List<NDArray> parts = new ArrayList<>(List.of(q));
        if (realTime != null) {
            NDArray encoded = realTime.forward(store, input.realTime().toNDList(), training).singletonOrThrow();
            parts.add(Attention.zeroSlotAttend(q, encoded, input.realTime().mask(), scaled));
        }
        if (shortTerm != null) {
            NDArray encoded = shortTerm.forward(store, input.shortTerm().toNDList(), training).singletonOrThrow();
            parts.add(Attention.zeroSlotAttend(q, encoded, input.shortTerm().mask(), scaled));
        }
        if (tower.useLongTerm()) {
            NDArray sum = null;
            for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
                MaskedSequence lists = longTermLists(tower, input.longTerm().get(attribute), attribute);
                NDArray attended = Attention.zeroSlotAttend(q, lists.values(), lists.mask(), scaled);
                sum = sum == null ? attended : sum.add(attended);
            }
            parts.add(sum);
        }
        return new NDList(tower.trmFusion() ? fuse(store, parts, training) : sumAndProject(store, parts, training));
    }

    /**
     * The d-wide means of the action lists of a long-term attribute and their presence mask:
     * {@code lists ((B, n, L, width), (B, n, L))} → {@code ((B, n, d), (B, n))}.
     */
    static MaskedSequence longTermLists(TowerConfig tower, MaskedSequence lists, int attribute) {
        NDArray means = lists.mean();
        int field = BehaviorTables.longTermField(attribute);
        int offset = BehaviorTables.offset(tower, field);
        int width = BehaviorTables.widths(tower)[field];
        return new MaskedSequence(placeInColumns(means, offset, tower.dim() - offset - width),
            lists.mask().sum(new int[] {-1}).gt(0f).toType(DataType.FLOAT32, false));
    }

    private static NDArray placeInColumns(NDArray x, int before, int after) {
        Shape shape = x.getShape();
        NDList pieces = new NDList(3);
        if (before > 0) {
            pieces.add(x.getManager().zeros(new Shape(shape.get(0), shape.get(1), before), x.getDataType()));
        }
        pieces.add(x);
        if (after > 0) {
            pieces.add(x.getManager().zeros(new Shape(shape.get(0), shape.get(1), after), x.getDataType()));
        }
        return pieces.size() == 1 ? x : NDArrays.concat(pieces, -1);
    }

    private NDArray fuse(ParameterStore store, List<NDArray> parts, boolean training) {
        NDArray first = parts.get(0);
        long batch = first.getShape().get(0);
        NDArray clsRow = store.getValue(cls, first.getDevice(), training).expandDims(0).repeat(0, batch);
        NDList rows = new NDList(parts.size() + 1);
        rows.add(clsRow);
        parts.forEach(rows::add);
        NDArray x = NDArrays.concat(rows, 1).add(store.getValue(rowEmbeddings, first.getDevice(), training)
            .expandDims(0));
        NDArray mask = first.getManager().ones(new Shape(batch, x.getShape().get(1)), first.getDataType());
        NDArray fused = fusion.forward(store, new MaskedSequence(x, mask).toNDList(), training).singletonOrThrow();
        return fused.get(":, 0, :");
    }

    private NDArray sumAndProject(ParameterStore store, List<NDArray> parts, boolean training) {
        NDArray sum = null;
        for (NDArray part : parts) {
            NDArray mean = part.mean(new int[] {1});
            sum = sum == null ? mean : sum.add(mean);
        }
        return sumProjection == null ? sum
            : sumProjection.forward(store, new NDList(sum), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), tower.dim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int dim = tower.dim();
        query.initialize(manager, dataType, inputShapes);
        if (realTime != null) {
            realTime.initialize(manager, dataType, new Shape(1, 1, dim), new Shape(1, 1));
        }
        if (shortTerm != null) {
            shortTerm.initialize(manager, dataType, new Shape(1, 1, dim), new Shape(1, 1));
        }
        if (fusion != null) {
            fusion.initialize(manager, dataType, new Shape(1, fusionRows(tower), dim), new Shape(1, fusionRows(tower)));
        } else if (sumProjection != null) {
            sumProjection.initialize(manager, dataType, new Shape(1, dim));
        }
    }
}
