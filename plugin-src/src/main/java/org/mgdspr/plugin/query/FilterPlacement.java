package org.mgdspr.plugin.query;

import java.util.Locale;

/** Where the relevance-control filter applies to the k-NN channel. */
public enum FilterPlacement {
    /**
     * The paper's semantics: the approximate top {@code k} are retrieved first and items lacking a key term are then
     * dropped, so fewer than {@code k} may come back.
     */
    POST_FILTER,
    /** A Lucene pre-filter inside the k-NN search: the top {@code k} among the items that pass. */
    PRE_FILTER;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
