package org.mgdspr.plugin.query;

import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.MultiMatchQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;

import java.util.List;

/**
 * The boolean relevance filter: each key term must occur as a phrase in one of the fields. Phrases are analyzed
 * with each field's own search analyzer, so stemming and case follow the index mapping.
 */
final class RelevanceFilter {

    private RelevanceFilter() {}

    /** The filter, or {@code null} when there are no key terms and nothing is to be filtered. */
    static QueryBuilder of(List<String> keyTerms, List<String> fields) {
        if (keyTerms.isEmpty()) {
            return null;
        }
        BoolQueryBuilder filter = QueryBuilders.boolQuery();
        for (String term : keyTerms) {
            filter.filter(QueryBuilders.multiMatchQuery(term, fields.toArray(String[]::new))
                .type(MultiMatchQueryBuilder.Type.PHRASE));
        }
        return filter;
    }

    /** Both filters as one, either may be {@code null}. */
    static QueryBuilder and(QueryBuilder first, QueryBuilder second) {
        if (first == null) {
            return second;
        }
        if (second == null) {
            return first;
        }
        return QueryBuilders.boolQuery().filter(first).filter(second);
    }
}
