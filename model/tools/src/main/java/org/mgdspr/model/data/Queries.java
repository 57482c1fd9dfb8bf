package org.mgdspr.model.data;

import java.util.Locale;

/** Query-string normalisation used as the key of relevance labels and of query-based splits. */
public final class Queries {

    private Queries() {}

    /** Trimmed, lowercased (root locale), inner whitespace runs collapsed to one space. */
    public static String normalize(String query) {
        return query.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }
}
