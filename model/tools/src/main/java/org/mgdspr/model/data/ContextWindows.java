package org.mgdspr.model.data;

import org.mgdspr.model.features.BehaviorItem;
import org.mgdspr.model.features.LongTermList;
import org.mgdspr.model.features.UserContext;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Cuts a user's chronological behaviour into the paper's three sequences as of a request time, strictly before it.
 * Every log source (simulator, JDsearch, user logs) builds contexts here, so "as of" means the same everywhere.
 *
 * <p>Days are {@code floorDiv(time, 86400)}. With request day {@code D}:
 * <ul>
 *   <li>real-time: clicks on day {@code D} before the request, newest first (spec §8: the current day);</li>
 *   <li>short-term: clicks on days {@code D - shortTermDays .. D - 1}, newest first;</li>
 *   <li>long-term click lists: clicks on days {@code D - longTermDays .. D - shortTermDays - 1};</li>
 *   <li>long-term buy and collect lists: buys/collects from day {@code D - longTermDays} up to the request.
 *       Deviation: the paper puts all of L before S, but R and S hold clicks only, so a purchase made yesterday
 *       would otherwise be invisible for ten days;</li>
 *   <li>query history: words of the most recent earlier queries, most recent query first.</li>
 * </ul>
 * Each list is capped at its limit, keeping the newest entries. Item side fields come from a resolver (the catalog).
 *
 * @param shortTermDays     days covered by the short-term sequence (paper: 10)
 * @param longTermDays      days covered by all behaviour (paper: one month)
 * @param maxRealTime       cap of the real-time sequence
 * @param maxShortTerm      cap of the short-term sequence
 * @param maxLongTerm       cap of each long-term list
 * @param maxHistoryQueries earlier queries whose words are kept
 * @param maxHistoryWords   cap of the query-history word list
 */
public record ContextWindows(
    int shortTermDays,
    int longTermDays,
    int maxRealTime,
    int maxShortTerm,
    int maxLongTerm,
    int maxHistoryQueries,
    int maxHistoryWords) {

    public static final long SECONDS_PER_DAY = 86_400L;

    /** The paper's windows and limits (§3.2.2, §5.2) with the spec §8 history default (10 queries, 20 words). */
    public static final ContextWindows PAPER = new ContextWindows(10, 30, 50, 100, 100, 10, 20);

    public ContextWindows {
        if (shortTermDays < 1) {
            throw new IllegalArgumentException("shortTermDays must be >= 1 but was " + shortTermDays);
        }
        if (longTermDays <= shortTermDays) {
            throw new IllegalArgumentException(
                "longTermDays must exceed shortTermDays (" + shortTermDays + ") but was " + longTermDays);
        }
        requireNonNegative("maxRealTime", maxRealTime);
        requireNonNegative("maxShortTerm", maxShortTerm);
        requireNonNegative("maxLongTerm", maxLongTerm);
        requireNonNegative("maxHistoryQueries", maxHistoryQueries);
        requireNonNegative("maxHistoryWords", maxHistoryWords);
    }

    public static int dayOf(long time) {
        return (int) Math.floorDiv(time, SECONDS_PER_DAY);
    }

    /**
     * The context of a request at {@code requestTime}.
     *
     * @param events  the user's behaviour, sorted by time ascending
     * @param queries the user's queries, sorted by time ascending
     * @param items   side fields of an item id
     */
    public UserContext build(List<BehaviorEvent> events, List<TimedQuery> queries, long requestTime,
                             Function<String, BehaviorItem> items) {
        int requestDay = dayOf(requestTime);
        int shortStart = requestDay - shortTermDays;
        int longStart = requestDay - longTermDays;
        List<BehaviorItem> realTime = new ArrayList<>();
        List<BehaviorItem> shortTerm = new ArrayList<>();
        Map<LongTermList, List<String>> longTerm = new EnumMap<>(LongTermList.class);
        for (LongTermList list : LongTermList.values()) {
            longTerm.put(list, new ArrayList<>());
        }
        for (int i = firstAtOrAfter(events, requestTime) - 1; i >= 0; i--) {
            BehaviorEvent event = events.get(i);
            int day = dayOf(event.time());
            if (day < longStart) {
                break;
            }
            if (event.action() == BehaviorAction.CLICK) {
                if (day == requestDay) {
                    addCapped(realTime, event.itemId(), maxRealTime, items);
                } else if (day >= shortStart) {
                    addCapped(shortTerm, event.itemId(), maxShortTerm, items);
                } else {
                    addLongTerm(longTerm, 0, items.apply(event.itemId()));
                }
            } else {
                addLongTerm(longTerm, event.action() == BehaviorAction.BUY ? 1 : 2, items.apply(event.itemId()));
            }
        }
        return new UserContext(realTime, shortTerm, longTerm, historyWords(queries, requestTime));
    }

    private List<String> historyWords(List<TimedQuery> queries, long requestTime) {
        List<String> words = new ArrayList<>();
        int used = 0;
        for (int i = firstQueryAtOrAfter(queries, requestTime) - 1; i >= 0 && used < maxHistoryQueries; i--, used++) {
            for (String word : queries.get(i).query().strip().split("\\s+")) {
                if (words.size() == maxHistoryWords) {
                    return words;
                }
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return words;
    }

    private void addCapped(List<BehaviorItem> list, String itemId, int cap, Function<String, BehaviorItem> items) {
        if (list.size() < cap) {
            list.add(items.apply(itemId));
        }
    }

    /** @param action 0 click, 1 buy, 2 collect: the column inside each attribute group of {@link LongTermList} */
    private void addLongTerm(Map<LongTermList, List<String>> longTerm, int action, BehaviorItem item) {
        LongTermList[] lists = LongTermList.values();
        String[] values = {item.itemId(), item.shop(), item.leafCategory(), item.brand()};
        for (int attribute = 0; attribute < LongTermList.ATTRIBUTES; attribute++) {
            List<String> list = longTerm.get(lists[attribute * LongTermList.ACTIONS + action]);
            if (!values[attribute].isEmpty() && list.size() < maxLongTerm) {
                list.add(values[attribute]);
            }
        }
    }

    private static int firstAtOrAfter(List<BehaviorEvent> events, long time) {
        int lo = 0;
        int hi = events.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (events.get(mid).time() < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int firstQueryAtOrAfter(List<TimedQuery> queries, long time) {
        int lo = 0;
        int hi = queries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (queries.get(mid).time() < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void requireNonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 but was " + value);
        }
    }
}
