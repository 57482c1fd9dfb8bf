package org.mgdspr.plugin.fusion;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;

import java.io.IOException;
import java.util.Arrays;

/**
 * Serves a {@link ShardFusion}: as the fused query, every fused document with its fused score; as the named query of
 * one channel ({@code matched_queries}), the documents that channel retrieved, with that channel's score. Equal only
 * to itself: its result belongs to one search.
 */
final class ShardFusionQuery extends Query {

    /** {@link #channel} of the fused query. */
    static final int FUSED = -1;

    private final ShardFusion fusion;
    private final int channel;
    private final FusionExplanation explanation;

    /** @param channel the channel whose named query this is, or {@link #FUSED} */
    ShardFusionQuery(ShardFusion fusion, int channel) {
        this.fusion = fusion;
        if (channel < FUSED || channel >= fusion.channelNames().size()) {
            throw new IllegalArgumentException("no channel " + channel + " in " + fusion.channelNames());
        }
        this.channel = channel;
        this.explanation = new FusionExplanation(fusion.spec(), fusion.channelNames());
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) throws IOException {
        ShardFusion.Result result = fusion.result(searcher);
        ShardFusion.Hits hits = channel == FUSED ? result.fused() : result.channels().get(channel);
        return new Weight(this) {
            @Override
            public ScorerSupplier scorerSupplier(LeafReaderContext leaf) {
                ShardFusion.Hits leafHits = hits.of(leaf, boost);
                return leafHits.docs().length == 0 ? null
                    : new DefaultScorerSupplier(new SortedHitsScorer(leafHits.docs(), leafHits.scores()));
            }

            @Override
            public Explanation explain(LeafReaderContext leaf, int doc) {
                ShardFusion.Hits leafHits = hits.of(leaf, boost);
                int i = Arrays.binarySearch(leafHits.docs(), doc);
                if (i < 0) {
                    return Explanation.noMatch(channel == FUSED ? "not among the fused documents"
                        : "not retrieved by channel [" + fusion.channelNames().get(channel) + "]");
                }
                RankFusion.Fused<Integer> fused = result.byDoc().get(leaf.docBase + doc);
                return channel == FUSED
                    ? explanation.explain(leafHits.scores()[i], fused.ranks(), fused.channelScores())
                    : FusionExplanation.channelMatch(leafHits.scores()[i], fused.ranks()[channel],
                        fusion.channelNames().get(channel));
            }

            @Override
            public boolean isCacheable(LeafReaderContext leaf) {
                return false;
            }
        };
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return channel == FUSED ? "ShardFusion(" + fusion.spec().describe() + " of " + fusion.channelNames() + ")"
            : "ShardFusionChannel(" + fusion.channelNames().get(channel) + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && fusion == ((ShardFusionQuery) other).fusion
            && channel == ((ShardFusionQuery) other).channel;
    }

    @Override
    public int hashCode() {
        return 31 * System.identityHashCode(fusion) + channel;
    }
}
