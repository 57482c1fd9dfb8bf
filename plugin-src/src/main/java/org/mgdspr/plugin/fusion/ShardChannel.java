package org.mgdspr.plugin.fusion;

import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;

import java.io.IOException;
import java.util.Objects;

import static org.opensearch.index.query.AbstractQueryBuilder.parseInnerQueryBuilder;

/**
 * One channel of a fusion: what it searches and how many documents it contributes. Its list is the top {@code k}
 * by score, documents of equal score in {@code tieOrder}. Ordered by {@code _id} or a field, the search looks
 * {@code lookahead} documents beyond the cut and, only when the last of those still ties with the {@code k}-th, at
 * every document scoring at least as much (at most {@link #MAX_TIED}). With a {@code requiredFilter}, the documents
 * of that top {@code k} which do not match it are dropped afterwards (the paper's relevance post-filter, which must
 * see the unfiltered top {@code k}).
 *
 * @param name           the channel's name in {@code matched_queries}
 * @param query          what the channel scores
 * @param k              how many documents the channel contributes
 * @param tieOrder       how documents of equal score are ordered
 * @param lookahead      ordered by {@code _id} or a field, documents looked at beyond {@code k} to see a tie at
 *                       the cut without a second search; 0 in shard order, which needs none
 * @param requiredFilter the post-filter, or {@code null}
 */
public record ShardChannel(String name, QueryBuilder query, int k, TieOrder tieOrder, int lookahead,
                           QueryBuilder requiredFilter)
    implements Writeable, ToXContentObject {

    /** At most this many documents tie at the cut: a search never returns more (the default result window). */
    public static final int MAX_TIED = 10_000;

    public ShardChannel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(tieOrder, "tieOrder");
        if (k < 1) {
            throw new IllegalArgumentException("channel [" + name + "] must retrieve at least one document, k=" + k);
        }
        if (tieOrder.byKey() && lookahead < 1) {
            throw new IllegalArgumentException("channel [" + name + "] must look at least one document beyond k to "
                + "see a tie at the cut, lookahead=" + lookahead);
        }
        if (!tieOrder.byKey() && lookahead != 0) {
            throw new IllegalArgumentException("channel [" + name + "] keeps ties in shard order, which looks at no "
                + "document beyond k, lookahead=" + lookahead);
        }
    }

    /** How many documents the first search for the channel's list asks for. */
    public int window() {
        return (int) Math.min((long) k + lookahead, MAX_TIED);
    }

    static ShardChannel readFrom(StreamInput in) throws IOException {
        return new ShardChannel(in.readString(), in.readNamedWriteable(QueryBuilder.class), in.readVInt(),
            TieOrder.readFrom(in), in.readVInt(), in.readOptionalNamedWriteable(QueryBuilder.class));
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(name);
        out.writeNamedWriteable(query);
        out.writeVInt(k);
        tieOrder.writeTo(out);
        out.writeVInt(lookahead);
        out.writeOptionalNamedWriteable(requiredFilter);
    }

    /** Reads {@link #toXContent}'s form; the parser is on the channel's start object. */
    static ShardChannel fromXContent(XContentParser parser) throws IOException {
        String name = null;
        QueryBuilder query = null;
        QueryBuilder requiredFilter = null;
        int k = 0;
        TieOrder tieOrder = null;
        int lookahead = 0;
        String field = null;
        for (XContentParser.Token token = parser.nextToken(); token != XContentParser.Token.END_OBJECT;
             token = parser.nextToken()) {
            if (token == XContentParser.Token.FIELD_NAME) {
                field = parser.currentName();
            } else if ("name".equals(field)) {
                name = parser.text();
            } else if ("query".equals(field)) {
                query = parseInnerQueryBuilder(parser);
            } else if ("required_filter".equals(field)) {
                requiredFilter = parseInnerQueryBuilder(parser);
            } else if ("k".equals(field)) {
                k = parser.intValue();
            } else if ("tie_order".equals(field)) {
                tieOrder = TieOrder.parse(parser);
            } else if ("lookahead".equals(field)) {
                lookahead = parser.intValue();
            } else {
                throw new ParsingException(parser.getTokenLocation(), "[" + ShardFusionQueryBuilder.NAME
                    + "] channels do not take [" + field + "]");
            }
        }
        try {
            return new ShardChannel(name, query, k, tieOrder, lookahead, requiredFilter);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ParsingException(parser.getTokenLocation(), "[" + ShardFusionQueryBuilder.NAME + "] channel: "
                + e.getMessage(), e);
        }
    }

    /** The channel with its queries rewritten in {@code context}; itself when nothing changed. */
    ShardChannel rewrite(QueryRewriteContext context) throws IOException {
        QueryBuilder rewrittenQuery = query.rewrite(context);
        QueryBuilder rewrittenFilter = requiredFilter == null ? null : requiredFilter.rewrite(context);
        return rewrittenQuery == query && rewrittenFilter == requiredFilter ? this
            : new ShardChannel(name, rewrittenQuery, k, tieOrder, lookahead, rewrittenFilter);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject().field("name", name).field("query", query).field("k", k).field("tie_order");
        tieOrder.valueToXContent(builder).field("lookahead", lookahead);
        if (requiredFilter != null) {
            builder.field("required_filter", requiredFilter);
        }
        return builder.endObject();
    }
}
