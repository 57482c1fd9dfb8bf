package org.mgdspr.model.simulate;

import org.mgdspr.model.data.BehaviorEvent;
import org.mgdspr.model.data.ContextWindows;
import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.data.TimedQuery;
import org.mgdspr.model.features.UserContext;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.RandomAccess;

/**
 * A generated search log with its ground truth. Requests are stored compactly (catalog indices, one shared
 * event list per user) and turned into {@link SearchRequest}s on access, with the user context built by
 * {@link ContextWindows} from the user's events strictly before the request, so memory grows with the number of
 * events rather than with requests x context length.
 *
 * <p>Requests are ordered by day (within a day by user, then time); request {@code i} has id {@code "r" + i}.
 * The last day is the test day.
 */
public final class SimulatedLog {

    private final SimulationConfig config;
    private final SimulatedCatalog world;
    private final UserPreferences[] users;
    private final List<List<BehaviorEvent>> events;
    private final List<List<TimedQuery>> queries;
    private final List<String> queryTexts;
    private final List<QueryIntent> queryIntents;
    private final int[] requestUser;
    private final long[] requestTime;
    private final int[] requestQuery;
    private final int[][] impressions;
    private final int[][] clicks;
    private final int[][] purchases;
    private final int firstTestRequest;
    private final SimulatedRelevance relevance;

    private SimulatedLog(Builder builder) {
        this.config = builder.config;
        this.world = builder.world;
        this.users = builder.users;
        this.events = builder.events;
        this.queries = builder.queries;
        this.queryTexts = List.copyOf(builder.queryTexts);
        this.queryIntents = List.copyOf(builder.queryIntents);
        int n = builder.size;
        this.requestUser = Arrays.copyOf(builder.requestUser, n);
        this.requestTime = Arrays.copyOf(builder.requestTime, n);
        this.requestQuery = Arrays.copyOf(builder.requestQuery, n);
        this.impressions = builder.impressions.toArray(new int[0][]);
        this.clicks = builder.clicks.toArray(new int[0][]);
        this.purchases = builder.purchases.toArray(new int[0][]);
        int testDay = config.days() - 1;
        int first = n;
        while (first > 0 && ContextWindows.dayOf(requestTime[first - 1]) >= testDay) {
            first--;
        }
        this.firstTestRequest = first;
        this.relevance = new SimulatedRelevance(world, queryTexts, queryIntents);
    }

    public SimulationConfig config() {
        return config;
    }

    /** The latent item attributes behind the catalog. */
    public SimulatedCatalog world() {
        return world;
    }

    /** Catalog, requests of days {@code 0 .. days-2} (train) and of the last day (test), ground-truth labels. */
    public Dataset dataset() {
        return new Dataset(world.catalog(), new Requests(0, firstTestRequest),
            new Requests(firstTestRequest, requestUser.length), relevance);
    }

    public SimulatedRelevance relevance() {
        return relevance;
    }

    public int requestCount() {
        return requestUser.length;
    }

    /** Index of the first request of the test day. */
    public int firstTestRequest() {
        return firstTestRequest;
    }

    public SearchRequest request(int index) {
        int user = requestUser[index];
        long time = requestTime[index];
        UserContext context = config.windows().build(events.get(user), queries.get(user), time,
            world.catalog()::behaviorItem);
        return new SearchRequest("r" + index, ContextWindows.dayOf(time), userId(user),
            queryTexts.get(requestQuery[index]), context, itemIds(clicks[index]), itemIds(purchases[index]),
            itemIds(impressions[index]));
    }

    public long requestTime(int index) {
        return requestTime[index];
    }

    public int requestUser(int index) {
        return requestUser[index];
    }

    public QueryIntent intent(int index) {
        return queryIntents.get(requestQuery[index]);
    }

    /** Whether the request's query leaves the choice to taste (category only, or brand only). */
    public boolean isAmbiguous(int index) {
        return intent(index).ambiguous();
    }

    /** Catalog indices of the displayed results, best first. */
    public int[] impressions(int index) {
        return impressions[index].clone();
    }

    /** Catalog indices of the clicked results. */
    public int[] clicks(int index) {
        return clicks[index].clone();
    }

    public int userCount() {
        return users.length;
    }

    public UserPreferences preferences(int user) {
        return users[user];
    }

    /** The user's behaviour, sorted by time. */
    public List<BehaviorEvent> events(int user) {
        return Collections.unmodifiableList(events.get(user));
    }

    public static String userId(int user) {
        return "u" + user;
    }

    /** Index of a request from its id ({@code "r" + index}). */
    public static int requestIndex(String requestId) {
        if (!requestId.startsWith("r")) {
            throw new IllegalArgumentException("simulated request ids look like r<index> but got [" + requestId + "]");
        }
        return Integer.parseInt(requestId.substring(1));
    }

    private List<String> itemIds(int[] items) {
        List<String> ids = new ArrayList<>(items.length);
        for (int item : items) {
            ids.add(world.catalog().products().get(item).itemId());
        }
        return ids;
    }

    /** A lazy, read-only view of a range of requests. */
    private final class Requests extends AbstractList<SearchRequest> implements RandomAccess {
        private final int from;
        private final int to;

        Requests(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public SearchRequest get(int index) {
            if (index < 0 || index >= to - from) {
                throw new IndexOutOfBoundsException("request " + index + " of " + (to - from));
            }
            return request(from + index);
        }

        @Override
        public int size() {
            return to - from;
        }
    }

    /** Accumulates requests day by day; used by {@link WorldSimulator} only. */
    static final class Builder {
        private final SimulationConfig config;
        private final SimulatedCatalog world;
        private final UserPreferences[] users;
        private final List<List<BehaviorEvent>> events;
        private final List<List<TimedQuery>> queries;
        private final List<String> queryTexts = new ArrayList<>();
        private final List<QueryIntent> queryIntents = new ArrayList<>();
        private final List<int[]> impressions = new ArrayList<>();
        private final List<int[]> clicks = new ArrayList<>();
        private final List<int[]> purchases = new ArrayList<>();
        private int[] requestUser = new int[1024];
        private long[] requestTime = new long[1024];
        private int[] requestQuery = new int[1024];
        private int size;

        Builder(SimulationConfig config, SimulatedCatalog world, UserPreferences[] users) {
            this.config = config;
            this.world = world;
            this.users = users;
            this.events = new ArrayList<>(users.length);
            this.queries = new ArrayList<>(users.length);
            for (int u = 0; u < users.length; u++) {
                events.add(new ArrayList<>());
                queries.add(new ArrayList<>());
            }
        }

        int addQuery(String text, QueryIntent intent) {
            queryTexts.add(text);
            queryIntents.add(intent);
            return queryTexts.size() - 1;
        }

        QueryIntent intentOf(int queryId) {
            return queryIntents.get(queryId);
        }

        String queryText(int queryId) {
            return queryTexts.get(queryId);
        }

        void addRequest(int user, long time, int queryId, int[] shown, int[] clicked, int[] bought,
                        List<BehaviorEvent> newEvents, TimedQuery query) {
            if (size > 0 && ContextWindows.dayOf(time) < ContextWindows.dayOf(requestTime[size - 1])) {
                throw new IllegalStateException("requests must be added day by day, got day "
                    + ContextWindows.dayOf(time) + " after day " + ContextWindows.dayOf(requestTime[size - 1]));
            }
            if (size == requestUser.length) {
                requestUser = Arrays.copyOf(requestUser, size * 2);
                requestTime = Arrays.copyOf(requestTime, size * 2);
                requestQuery = Arrays.copyOf(requestQuery, size * 2);
            }
            requestUser[size] = user;
            requestTime[size] = time;
            requestQuery[size] = queryId;
            size++;
            impressions.add(shown);
            clicks.add(clicked);
            purchases.add(bought);
            events.get(user).addAll(newEvents);
            queries.get(user).add(query);
        }

        SimulatedLog build() {
            return new SimulatedLog(this);
        }
    }
}
