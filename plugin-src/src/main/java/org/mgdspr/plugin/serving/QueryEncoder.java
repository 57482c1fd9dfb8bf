package org.mgdspr.plugin.serving;

import org.mgdspr.model.features.UserContext;
import org.opensearch.core.action.ActionListener;

/** Turns query text and user context into a {@link QueryEncoding} with a registered model, asynchronously. */
@FunctionalInterface
public interface QueryEncoder {

    /**
     * @param detectKeyTerms    whether to detect the query's key terms for relevance control
     * @param correctSpelling   whether the user tower reads the query's words spelling-corrected, when the model
     *                          corrects spelling; off, as typed
     */
    void encode(String modelId, String queryText, UserContext context, boolean detectKeyTerms,
                boolean correctSpelling, ActionListener<QueryEncoding> listener);
}
