package org.mgdspr.plugin.knn;

import org.apache.lucene.search.Query;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.index.query.QueryShardException;
import org.opensearch.knn.index.SpaceType;
import org.opensearch.knn.index.engine.KNNMethodContext;
import org.opensearch.knn.index.mapper.KNNVectorFieldType;

import java.io.IOException;
import java.util.Objects;

/**
 * The k-NN channel of a {@code mgdspr} search as it reaches a shard: before the k-NN query runs, checks that the
 * field can hold the model's vectors, so that a wrong mapping gets an error naming the field, the index and the model
 * instead of k-NN's own.
 */
public final class KnnChannelQueryBuilder extends AbstractQueryBuilder<KnnChannelQueryBuilder> {

    public static final String NAME = "mgdspr_knn_channel";

    private static final ParseField MODEL_ID = new ParseField("model_id");
    private static final ParseField FIELD = new ParseField("field");
    private static final ParseField DIMENSION = new ParseField("dimension");
    private static final ParseField QUERY = new ParseField("query");

    private final String modelId;
    private final String field;
    private final int dimension;
    private final QueryBuilder search;

    KnnChannelQueryBuilder(String modelId, String field, int dimension, QueryBuilder search) {
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.field = Objects.requireNonNull(field, "field");
        this.dimension = dimension;
        this.search = Objects.requireNonNull(search, "search");
        if (dimension < 1) {
            throw new IllegalArgumentException("[" + NAME + "] [dimension] must be at least 1 but was " + dimension);
        }
    }

    public KnnChannelQueryBuilder(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.field = in.readString();
        this.dimension = in.readVInt();
        this.search = in.readNamedWriteable(QueryBuilder.class);
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeString(field);
        out.writeVInt(dimension);
        out.writeNamedWriteable(search);
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    @Override
    protected QueryBuilder doRewrite(QueryRewriteContext context) throws IOException {
        QueryBuilder rewritten = search.rewrite(context);
        return rewritten == search ? this : new KnnChannelQueryBuilder(modelId, field, dimension, rewritten);
    }

    @Override
    protected Query doToQuery(QueryShardContext context) throws IOException {
        checkField(context);
        return search.toQuery(context);
    }

    /**
     * @throws QueryShardException naming the field when it is not a {@code knn_vector} field of the model's dimension
     *                             with the inner-product space the model was trained for
     */
    private void checkField(QueryShardContext context) {
        MappedFieldType type = context.fieldMapper(field);
        String index = context.index().getName();
        if (type == null) {
            throw new QueryShardException(context, "[mgdspr] field [" + field + "] is not mapped in index [" + index
                + "]; map it with GET _plugins/mgdspr/models/" + modelId + "/_knn_mapping");
        }
        if (!(type instanceof KNNVectorFieldType vectorType)) {
            throw new QueryShardException(context, "[mgdspr] field [" + field + "] of index [" + index
                + "] must be a knn_vector field but is [" + type.typeName() + "]");
        }
        int fieldDimension = vectorType.getKnnMappingConfig().getDimension();
        if (fieldDimension != dimension) {
            throw new QueryShardException(context, "[mgdspr] field [" + field + "] of index [" + index + "] holds "
                + fieldDimension + "-dimensional vectors but model [" + modelId + "] embeds into " + dimension
                + " dimensions");
        }
        SpaceType space = vectorType.getKnnMappingConfig().getKnnMethodContext().map(KNNMethodContext::getSpaceType)
            .orElse(SpaceType.UNDEFINED);
        if (space != SpaceType.UNDEFINED && space != SpaceType.INNER_PRODUCT) {
            throw new QueryShardException(context, "[mgdspr] field [" + field + "] of index [" + index
                + "] uses space_type [" + space.getValue() + "] but the model scores by inner product; map it with "
                + "space_type [innerproduct]");
        }
    }

    @Override
    protected void doXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(NAME);
        builder.field(MODEL_ID.getPreferredName(), modelId);
        builder.field(FIELD.getPreferredName(), field);
        builder.field(DIMENSION.getPreferredName(), dimension);
        builder.field(QUERY.getPreferredName(), search);
        printBoostAndQueryName(builder);
        builder.endObject();
    }

    public static KnnChannelQueryBuilder fromXContent(XContentParser parser) throws IOException {
        String modelId = null;
        String field = null;
        int dimension = 0;
        QueryBuilder search = null;
        float boost = DEFAULT_BOOST;
        String queryName = null;
        String current = null;
        XContentParser.Token token;
        while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
            if (token == XContentParser.Token.FIELD_NAME) {
                current = parser.currentName();
            } else if (token == XContentParser.Token.START_OBJECT && QUERY.match(current, parser.getDeprecationHandler())) {
                search = parseInnerQueryBuilder(parser);
            } else if (token.isValue() && MODEL_ID.match(current, parser.getDeprecationHandler())) {
                modelId = parser.text();
            } else if (token.isValue() && FIELD.match(current, parser.getDeprecationHandler())) {
                field = parser.text();
            } else if (token.isValue() && DIMENSION.match(current, parser.getDeprecationHandler())) {
                dimension = parser.intValue();
            } else if (token.isValue() && BOOST_FIELD.match(current, parser.getDeprecationHandler())) {
                boost = parser.floatValue();
            } else if (token.isValue() && NAME_FIELD.match(current, parser.getDeprecationHandler())) {
                queryName = parser.text();
            } else {
                throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] does not support [" + current + "]");
            }
        }
        try {
            return new KnnChannelQueryBuilder(modelId, field, dimension, search).boost(boost).queryName(queryName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ParsingException(parser.getTokenLocation(), "[" + NAME + "] " + e.getMessage(), e);
        }
    }

    @Override
    protected boolean doEquals(KnnChannelQueryBuilder other) {
        return modelId.equals(other.modelId) && field.equals(other.field) && dimension == other.dimension
            && search.equals(other.search);
    }

    @Override
    protected int doHashCode() {
        return Objects.hash(modelId, field, dimension, search);
    }
}
