package org.mgdspr.plugin.knn;

import org.apache.lucene.search.Query;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.index.query.QueryShardException;
import org.opensearch.index.query.Rewriteable;
import org.opensearch.knn.index.SpaceType;
import org.opensearch.knn.index.engine.KNNMethodContext;
import org.opensearch.knn.index.mapper.KNNVectorFieldType;
import org.opensearch.knn.index.query.KNNQueryBuilder;

import java.io.IOException;

/**
 * The one place that talks to the k-NN plugin at search time: checks that a field can hold a model's vectors and
 * builds the Lucene k-NN query for it. A filter given here is k-NN's own filter, a Lucene pre-filter inside the
 * approximate search.
 */
public final class KnnChannel {

    /** The largest {@code k} the k-NN plugin accepts. */
    public static final int MAX_K = KNNQueryBuilder.K_MAX;

    private KnnChannel() {}

    /**
     * @param modelId names the model in errors
     * @param filter  a pre-filter, or {@code null}
     * @throws QueryShardException naming the field when it is not a {@code knn_vector} field of the vector's
     *                             dimension with the inner-product space the model was trained for
     */
    public static Query query(QueryShardContext context, String field, float[] vector, int k, QueryBuilder filter,
                              String modelId) throws IOException {
        checkField(context, field, vector.length, modelId);
        KNNQueryBuilder knn = KNNQueryBuilder.builder().fieldName(field).vector(vector).k(k).filter(filter).build();
        return Rewriteable.rewrite(knn, context, true).toQuery(context);
    }

    private static void checkField(QueryShardContext context, String field, int dimension, String modelId) {
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
}
