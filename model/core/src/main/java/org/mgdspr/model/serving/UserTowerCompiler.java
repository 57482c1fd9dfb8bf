package org.mgdspr.model.serving;

import ai.djl.nn.AbstractBlock;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TowerConfig;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.nn.AlphaDnnUserTowerBlock;
import org.mgdspr.model.nn.BehaviorTables;
import org.mgdspr.model.nn.MgdsprUserTowerBlock;
import org.mgdspr.model.nn.MultiGranularQuery;
import org.mgdspr.model.nn.UserEmbedder;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a trained user-tower block into a {@link FastUserTower}, part by part as the block is built from its
 * config: whatever the config leaves out, the block has no weights for and the forward has no step for.
 */
public final class UserTowerCompiler {

    private UserTowerCompiler() {}

    /** Copies the block's trained weights; the embedder's tables are read in place. */
    public static FastUserTower compile(ModelConfig config, AbstractBlock block, UserEmbedder embedder) {
        UserForward forward = switch (block) {
            case MgdsprUserTowerBlock mgdspr -> mgdspr(config.tower(), mgdspr, embedder);
            case AlphaDnnUserTowerBlock alphaDnn -> alphaDnn(config.tower(), alphaDnn, embedder);
            default -> throw new IllegalArgumentException("no serving forward for " + block.getClass().getName());
        };
        return new FastUserTower(config, forward);
    }

    private static UserForward mgdspr(TowerConfig tower, MgdsprUserTowerBlock block, UserEmbedder embedder) {
        BehaviorEmbedding behavior = behavior(embedder);
        MultiGranularQuery query = block.query();
        QueryForward.Granular granular = tower.multiGranular()
            ? new QueryForward.Granular(new EmbeddingBag(embedder.unigramTable()),
                new EmbeddingBag(embedder.bigramTable()), DjlWeights.values(query.wordPositions()),
                DjlWeights.transformer(query.wordEncoder()),
                tower.useQueryHistory() ? new EmbeddingBag(embedder.historyWordTable()) : null,
                tower.scaledAttention())
            : null;
        RealTimeForward realTime = null;
        if (block.realTime() != null) {
            List<LstmForward> layers = new ArrayList<>();
            block.realTime().lstmLayers().forEach(layer -> layers.add(DjlWeights.lstm(layer)));
            realTime = new RealTimeForward(layers, DjlWeights.attention(block.realTime().attention()));
        }
        PartFusion fusion = block.fusion() != null
            ? new TransformerFusion(DjlWeights.values(block.cls()), DjlWeights.values(block.rowEmbeddings()),
                DjlWeights.transformer(block.fusion()))
            : new SumFusion(block.sumProjection() == null ? null : DjlWeights.dense(block.sumProjection()),
                tower.dim());
        return new MgdsprUserForward(new QueryForward(new EmbeddingBag(embedder.wordTable()), granular), behavior,
            realTime, block.shortTerm() == null ? null : DjlWeights.attention(block.shortTerm()),
            tower.useLongTerm() ? longTerm(tower, embedder) : null, tower.scaledAttention(), fusion);
    }

    private static UserForward alphaDnn(TowerConfig tower, AlphaDnnUserTowerBlock block, UserEmbedder embedder) {
        List<DenseLayer> layers = new ArrayList<>();
        block.layers().forEach(layer -> layers.add(DjlWeights.dense(layer)));
        return new AlphaDnnUserForward(new EmbeddingBag(embedder.wordTable()),
            tower.useQueryHistory() ? new EmbeddingBag(embedder.historyWordTable()) : null, behavior(embedder),
            tower.useRealTime(), tower.useShortTerm(), tower.useLongTerm() ? longTerm(tower, embedder) : null,
            layers);
    }

    private static BehaviorEmbedding behavior(UserEmbedder embedder) {
        return new BehaviorEmbedding(embedder.behaviorTables().fields().stream().map(EmbeddingBag::new).toList());
    }

    private static LongTermForward longTerm(TowerConfig tower, UserEmbedder embedder) {
        BehaviorTables tables = embedder.behaviorTables();
        List<EmbeddingBag> bags = new ArrayList<>();
        int[] columns = new int[LongTermList.ATTRIBUTES];
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            bags.add(new EmbeddingBag(tables.longTermTable(attribute)));
            columns[attribute] = BehaviorTables.offset(tower, BehaviorTables.longTermField(attribute));
        }
        return new LongTermForward(bags, columns, tower.dim(), tower.scaledAttention());
    }
}
