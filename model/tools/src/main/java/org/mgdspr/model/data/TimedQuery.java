package org.mgdspr.model.data;

import java.util.Objects;

/** An earlier query of a user at a time in seconds, for the query-history input. */
public record TimedQuery(long time, String query) {

    public TimedQuery {
        Objects.requireNonNull(query, "query");
    }
}
