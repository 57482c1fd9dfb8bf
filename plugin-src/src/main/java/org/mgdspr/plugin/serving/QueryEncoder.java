package org.mgdspr.plugin.serving;

import org.mgdspr.model.features.UserContext;
import org.opensearch.core.action.ActionListener;

/** Turns query text and user context into a {@link QueryEncoding} with a registered model, asynchronously. */
@FunctionalInterface
public interface QueryEncoder {

    void encode(String modelId, String queryText, UserContext context, boolean detectKeyTerms,
                ActionListener<QueryEncoding> listener);
}
