package org.mgdspr.model.data;

import java.util.List;
import java.util.Objects;

/**
 * What training and evaluation consume: the item pool, requests on each side of the split and relevance labels.
 * Request lists may be lazy views that build each request (and its user context) on access.
 */
public record Dataset(Catalog catalog, List<SearchRequest> train, List<SearchRequest> test, RelevanceLabels labels) {

    public Dataset {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        labels = labels == null ? RelevanceLabels.NONE : labels;
    }
}
