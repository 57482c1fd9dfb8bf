package org.mgdspr.model.eval;

import org.mgdspr.model.data.SearchRequest;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named part of an evaluation reported on its own: the requests it takes and, of their targets, the ones it
 * counts. A request whose targets are all outside the segment is left out of it, since its recall there is
 * undefined; a request without any target stays, for the ranking-wide metrics.
 *
 * @param requests the requests in the segment (the simulator's ambiguous queries, say)
 * @param targets  the targets whose retrieval the segment's recall counts (products seen in training, say); the
 *                 ranking-wide metrics (nDCG, P_good, Num_prank) still see every judged product
 */
public record Segment(Predicate<SearchRequest> requests, Predicate<String> targets) {

    public Segment {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(targets, "targets");
    }

    /** The requests {@code members} accepts, with all their targets. */
    public static Segment ofRequests(Predicate<SearchRequest> members) {
        return new Segment(members, itemId -> true);
    }

    /** Every request, counting only the targets {@code members} accepts. */
    public static Segment ofTargets(Predicate<String> members) {
        return new Segment(request -> true, members);
    }
}
