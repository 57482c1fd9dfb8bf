package org.mgdspr.model.data;

import org.mgdspr.model.features.UserContext;

import java.util.List;
import java.util.Objects;

/**
 * One logged search: who searched what, what the user knew-about-them context was at that moment, and what
 * they did with the results. Training examples are (request, clicked item) pairs (paper §3.4).
 *
 * @param requestId   unique id within its dataset
 * @param day         day index of the request (time splits use it; 0 when the source has no time)
 * @param userId      the searcher, or empty for anonymous sources
 * @param query       the query text as typed
 * @param context     the user context as of the request, containing only earlier behaviour
 * @param clicked     clicked item ids (purchased items are clicked too)
 * @param purchased   purchased item ids
 * @param impressions item ids displayed for the request, best first, when the source has them
 */
public record SearchRequest(
    String requestId,
    int day,
    String userId,
    String query,
    UserContext context,
    List<String> clicked,
    List<String> purchased,
    List<String> impressions) {

    public SearchRequest {
        Objects.requireNonNull(requestId, "requestId");
        if (requestId.isEmpty()) {
            throw new IllegalArgumentException("request_id must not be empty");
        }
        if (day < 0) {
            throw new IllegalArgumentException("day must be >= 0 but was " + day + " in request " + requestId);
        }
        Objects.requireNonNull(query, "query of request " + requestId);
        userId = userId == null ? "" : userId;
        context = context == null ? UserContext.EMPTY : context;
        clicked = List.copyOf(clicked == null ? List.of() : clicked);
        purchased = List.copyOf(purchased == null ? List.of() : purchased);
        impressions = List.copyOf(impressions == null ? List.of() : impressions);
    }

    public boolean hasUser() {
        return !userId.isEmpty();
    }
}
