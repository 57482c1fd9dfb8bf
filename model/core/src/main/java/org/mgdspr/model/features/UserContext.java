package org.mgdspr.model.features;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the user tower knows about the searcher besides the query text (paper §3.2.2), as raw strings.
 *
 * @param realTime     most recent clicks, newest first (paper: up to 50)
 * @param shortTerm    older clicks within 10 days, newest first (paper: up to 100)
 * @param longTerm     the 12 id lists of older behaviour; absent lists are empty
 * @param queryHistory words of the user's earlier queries, most recent first
 */
public record UserContext(
    List<BehaviorItem> realTime,
    List<BehaviorItem> shortTerm,
    Map<LongTermList, List<String>> longTerm,
    List<String> queryHistory) {

    public static final UserContext EMPTY = new UserContext(List.of(), List.of(), Map.of(), List.of());

    public UserContext {
        realTime = List.copyOf(realTime == null ? List.of() : realTime);
        shortTerm = List.copyOf(shortTerm == null ? List.of() : shortTerm);
        EnumMap<LongTermList, List<String>> lists = new EnumMap<>(LongTermList.class);
        for (LongTermList list : LongTermList.values()) {
            List<String> ids = longTerm == null ? null : longTerm.get(list);
            lists.put(list, List.copyOf(ids == null ? List.of() : ids));
        }
        longTerm = Map.copyOf(lists);
        queryHistory = List.copyOf(queryHistory == null ? List.of() : queryHistory);
    }

    public boolean isEmpty() {
        return realTime.isEmpty() && shortTerm.isEmpty() && queryHistory.isEmpty()
            && longTerm.values().stream().allMatch(List::isEmpty);
    }
}
