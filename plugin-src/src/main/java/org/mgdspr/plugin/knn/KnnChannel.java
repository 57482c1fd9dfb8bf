package org.mgdspr.plugin.knn;

import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.index.query.functionscore.ScriptScoreQueryBuilder;
import org.opensearch.knn.index.SpaceType;
import org.opensearch.knn.index.query.KNNQueryBuilder;
import org.opensearch.script.Script;
import org.opensearch.script.ScriptType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one place that builds k-NN plugin queries: the k-NN channel of a {@code mgdspr} search, either k-NN's
 * approximate search (Lucene HNSW; a filter given here is k-NN's own filter, a Lucene pre-filter inside the graph
 * search) or k-NN's exact search (its {@code knn_score} script over every document that passes the filter). Either
 * is wrapped in a {@link KnnChannelQueryBuilder}, which checks the field on each shard.
 */
public final class KnnChannel {

    /** The largest {@code k} the k-NN plugin accepts. */
    public static final int MAX_K = KNNQueryBuilder.K_MAX;

    private static final String KNN_SCRIPT_LANG = "knn";
    private static final String KNN_SCRIPT = "knn_score";

    private KnnChannel() {}

    /**
     * @param k       how many documents the search keeps; approximate search asks each shard for as many
     * @param filter  a pre-filter, or {@code null}
     * @param exact   score every document that passes the filter instead of searching the graph
     * @param modelId names the model in errors
     */
    public static QueryBuilder query(String field, float[] vector, int k, QueryBuilder filter, boolean exact,
                                     String modelId) {
        QueryBuilder search;
        if (exact) {
            List<Float> queryValue = new ArrayList<>(vector.length);
            for (float value : vector) {
                queryValue.add(value);
            }
            search = new ScriptScoreQueryBuilder(filter == null ? QueryBuilders.matchAllQuery() : filter,
                new Script(ScriptType.INLINE, KNN_SCRIPT_LANG, KNN_SCRIPT, Map.of("field", field, "query_value",
                    queryValue, "space_type", SpaceType.INNER_PRODUCT.getValue())));
        } else {
            search = KNNQueryBuilder.builder().fieldName(field).vector(vector).k(k).filter(filter).build();
        }
        return new KnnChannelQueryBuilder(modelId, field, vector.length, search);
    }
}
