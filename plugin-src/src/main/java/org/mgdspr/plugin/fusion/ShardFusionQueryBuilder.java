package org.mgdspr.plugin.fusion;

import org.apache.lucene.search.Query;
import org.apache.lucene.search.SortField;
import org.mgdspr.model.fusion.FusionSpec;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.search.sort.SortBuilders;
import org.opensearch.search.sort.SortOrder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@code mgdspr} query with channels becomes when the search targets a single shard: the channels' queries
 * and the fusion, which that shard runs itself ({@link ShardFusion}) in its query phase. One shard's lists are the
 * global lists, so the result is the one the coordinating node's fusion gives ({@link FusedHitsQueryBuilder}), without
 * a search per channel and without reading every listed document's {@code _id}. With provenance, each channel is
 * registered as a named query of the channel's name, scored by that channel.
 */
public final class ShardFusionQueryBuilder extends AbstractQueryBuilder<ShardFusionQueryBuilder> {

    public static final String NAME = "mgdspr_shard_fusion";

    private final FusionSpec spec;
    private final List<ShardChannel> channels;
    private final boolean provenance;

    public ShardFusionQueryBuilder(FusionSpec spec, List<ShardChannel> channels, boolean provenance) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.channels = List.copyOf(channels);
        this.provenance = provenance;
        if (this.channels.isEmpty() || this.channels.size() > 2) {
            throw new IllegalArgumentException("fusion combines one or two channels, got " + this.channels.size());
        }
    }

    public ShardFusionQueryBuilder(StreamInput in) throws IOException {
        super(in);
        this.spec = FusionSpec.fromJson(in.readString());
        this.channels = in.readList(ShardChannel::readFrom);
        this.provenance = in.readBoolean();
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        out.writeString(spec.toJson().toString());
        out.writeList(channels);
        out.writeBoolean(provenance);
    }

    public List<ShardChannel> channels() {
        return channels;
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    @Override
    protected QueryBuilder doRewrite(QueryRewriteContext context) throws IOException {
        List<ShardChannel> rewritten = new ArrayList<>(channels.size());
        boolean changed = false;
        for (ShardChannel channel : channels) {
            ShardChannel next = channel.rewrite(context);
            changed |= next != channel;
            rewritten.add(next);
        }
        return changed ? new ShardFusionQueryBuilder(spec, rewritten, provenance).boost(boost()).queryName(queryName())
            : this;
    }

    @Override
    protected Query doToQuery(QueryShardContext context) throws IOException {
        List<ShardFusion.Channel> luceneChannels = new ArrayList<>(channels.size());
        for (ShardChannel channel : channels) {
            Query requiredFilter = channel.requiredFilter() == null ? null : channel.requiredFilter().toQuery(context);
            luceneChannels.add(new ShardFusion.Channel(channel.name(), channel.query().toQuery(context), channel.k(),
                channel.tieOrder(), channel.window(), tieField(channel.tieOrder(), context), requiredFilter));
        }
        ShardFusion fusion = new ShardFusion(spec, luceneChannels);
        if (provenance) {
            for (int c = 0; c < channels.size(); c++) {
                context.addNamedQuery(channels.get(c).name(), new ShardFusionQuery(fusion, c));
            }
        }
        return new ShardFusionQuery(fusion, ShardFusionQuery.FUSED);
    }

    /** The tie field ascending, as a search sorted on it orders hits; {@code null} for the other orders. */
    private static SortField tieField(TieOrder tieOrder, QueryShardContext context) throws IOException {
        return tieOrder.byField() ? SortBuilders.fieldSort(tieOrder.field()).order(SortOrder.ASC).build(context).field
            : null;
    }

    @Override
    protected void doXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(NAME);
        builder.field("fusion", XContentHelper.convertToMap(JsonXContent.jsonXContent, spec.toJson().toString(), true));
        builder.field("provenance", provenance);
        builder.startArray("channels");
        for (ShardChannel channel : channels) {
            channel.toXContent(builder, params);
        }
        builder.endArray();
        printBoostAndQueryName(builder);
        builder.endObject();
    }

    /** Reads {@link #doXContent}'s form, so that a rewritten request prints and parses back to the same query. */
    public static ShardFusionQueryBuilder fromXContent(XContentParser parser) throws IOException {
        FusionSpec spec = null;
        Boolean provenance = null;
        List<ShardChannel> channels = null;
        float boost = DEFAULT_BOOST;
        String queryName = null;
        String field = null;
        for (XContentParser.Token token = parser.nextToken(); token != XContentParser.Token.END_OBJECT;
             token = parser.nextToken()) {
            if (token == XContentParser.Token.FIELD_NAME) {
                field = parser.currentName();
            } else if ("fusion".equals(field)) {
                expect(parser, field, token, XContentParser.Token.START_OBJECT, "an object");
                spec = fusionSpec(parser);
            } else if ("channels".equals(field)) {
                expect(parser, field, token, XContentParser.Token.START_ARRAY, "an array");
                channels = new ArrayList<>();
                while (parser.nextToken() != XContentParser.Token.END_ARRAY) {
                    expect(parser, field, parser.currentToken(), XContentParser.Token.START_OBJECT,
                        "an array of objects");
                    channels.add(ShardChannel.fromXContent(parser));
                }
            } else if ("provenance".equals(field)) {
                expect(parser, field, token, XContentParser.Token.VALUE_BOOLEAN, "a boolean");
                provenance = parser.booleanValue();
            } else if (BOOST_FIELD.match(field, parser.getDeprecationHandler()) && token.isValue()) {
                boost = parser.floatValue();
            } else if (NAME_FIELD.match(field, parser.getDeprecationHandler()) && token.isValue()) {
                queryName = parser.text();
            } else {
                throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] does not take [" + field + "]");
            }
        }
        if (spec == null || provenance == null || channels == null) {
            throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] is the single-shard form of a "
                + "[mgdspr] query and needs [fusion], [provenance] and [channels]");
        }
        try {
            return new ShardFusionQueryBuilder(spec, channels, provenance).boost(boost).queryName(queryName);
        } catch (IllegalArgumentException e) {
            throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] " + e.getMessage(), e);
        }
    }

    private static void expect(XContentParser parser, String field, XContentParser.Token token,
                               XContentParser.Token expected, String what) {
        if (token != expected) {
            throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] [" + field + "] must be " + what);
        }
    }

    private static FusionSpec fusionSpec(XContentParser parser) throws IOException {
        try {
            return FusionSpec.fromJson(XContentFactory.jsonBuilder().map(parser.map()).toString());
        } catch (IllegalArgumentException e) {
            throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] [fusion] " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean doEquals(ShardFusionQueryBuilder other) {
        return spec.equals(other.spec) && channels.equals(other.channels) && provenance == other.provenance;
    }

    @Override
    protected int doHashCode() {
        return Objects.hash(spec, channels, provenance);
    }
}
