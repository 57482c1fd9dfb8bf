package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TopDocs;

import org.mgdspr.model.fusion.FusionSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Multi-channel retrieval inside one shard search: on rewrite, each channel's top {@code k} documents are collected
 * and fused into a fixed, scored set ({@link FusionSpec}). {@link #provenance} gives, per channel, a query that
 * matches exactly the documents that channel retrieved, for {@code matched_queries}; it reuses this query's result
 * for the same reader instead of searching again. That holds within one shard context: when the fetch phase runs in
 * a context of its own (searches over several shards), the query is built anew there and the channels run again.
 */
public final class ChannelFusionQuery extends Query {

    private final List<Channel> channels;
    private final FusionSpec spec;
    private volatile FusedHits lastResult;

    /** @param channels the k-NN channel, then optionally the lexical channel */
    public ChannelFusionQuery(List<Channel> channels, FusionSpec spec) {
        if (channels.isEmpty() || channels.size() > 2) {
            throw new IllegalArgumentException("fusion combines one or two channels, got " + channels.size());
        }
        this.channels = List.copyOf(channels);
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    public List<Channel> channels() {
        return channels;
    }

    /** A query matching the documents that channel {@code index} retrieved, scored by that channel. */
    public Query provenance(int index) {
        return new ChannelProvenanceQuery(this, index);
    }

    FusedHits hits(IndexSearcher searcher) throws IOException {
        Object readerId = searcher.getIndexReader().getContext().id();
        FusedHits cached = lastResult;
        if (cached != null && cached.readerId() == readerId) {
            return cached;
        }
        // A plain searcher over the same reader and similarity: the shard's own searcher would route these inner
        // searches through the request's collectors and profiler.
        IndexSearcher plain = new IndexSearcher(searcher.getIndexReader());
        plain.setSimilarity(searcher.getSimilarity());
        plain.setQueryCache(null);
        List<String> names = new ArrayList<>(channels.size());
        List<TopDocs> results = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            names.add(channel.name());
            results.add(plain.search(channel.query(), channel.k()));
        }
        FusedHits fused = FusedHits.fuse(readerId, names, results, spec);
        lastResult = fused;
        return fused;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
        return hits(searcher).fusedQuery();
    }

    @Override
    public void visit(QueryVisitor visitor) {
        QueryVisitor sub = visitor.getSubVisitor(BooleanClause.Occur.SHOULD, this);
        for (Channel channel : channels) {
            channel.query().visit(sub);
        }
    }

    @Override
    public String toString(String field) {
        StringBuilder text = new StringBuilder(spec.describe()).append('(');
        for (int i = 0; i < channels.size(); i++) {
            Channel channel = channels.get(i);
            text.append(i == 0 ? "" : ", ").append(channel.name()).append(":top").append(channel.k()).append('[')
                .append(channel.query().toString(field)).append(']');
        }
        return text.append(')').toString();
    }

    @Override
    public boolean equals(Object other) {
        return sameClassAs(other) && channels.equals(((ChannelFusionQuery) other).channels)
            && spec.equals(((ChannelFusionQuery) other).spec);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), channels, spec);
    }
}
