package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;

import java.io.IOException;
import java.util.Objects;

/** The documents one channel of a {@link ChannelFusionQuery} retrieved; rewrites through the fusion's result. */
final class ChannelProvenanceQuery extends Query {

    private final ChannelFusionQuery fusion;
    private final int channel;

    ChannelProvenanceQuery(ChannelFusionQuery fusion, int channel) {
        Objects.checkIndex(channel, fusion.channels().size());
        this.fusion = fusion;
        this.channel = channel;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        return fusion.hits(searcher).channelQuery(channel);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        visitor.visitLeaf(this);
    }

    @Override
    public String toString(String field) {
        return "retrieved_by(" + fusion.channels().get(channel).name() + ")";
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && fusion.equals(((ChannelProvenanceQuery) other).fusion)
            && channel == ((ChannelProvenanceQuery) other).channel;
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), fusion, channel);
    }
}
