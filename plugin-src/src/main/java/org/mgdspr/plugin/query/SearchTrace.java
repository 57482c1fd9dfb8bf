package org.mgdspr.plugin.query;

import org.opensearch.action.search.SearchResponse;
import org.opensearch.core.tasks.TaskId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@code mgdspr} queries of one search request did on the coordinating node: the search task their channel
 * searches run under, whether one of those searches timed out, and, with {@code profile}, how long each part took
 * and how each query's text was read.
 * {@link MgdsprSearchFilter} puts one into the thread context of every search request and writes what it gathered
 * into the response.
 */
public final class SearchTrace {

    /** The thread-context transient holding the trace of the search request being coordinated. */
    public static final String TRANSIENT = "mgdspr_search_trace";

    private final TaskId searchTask;
    private final boolean profile;
    private final List<MgdsprProfile.Timing> timings = new ArrayList<>();
    private final List<MgdsprProfile.ChannelRun> channelRuns = new ArrayList<>();
    private final List<MgdsprProfile.Reading> readings = new ArrayList<>();
    private boolean used;
    private boolean timedOut;

    public SearchTrace(TaskId searchTask, boolean profile) {
        this.searchTask = Objects.requireNonNull(searchTask, "searchTask");
        this.profile = profile;
    }

    /** The search task; channel searches run as its children, so cancelling it cancels them. */
    public TaskId searchTask() {
        return searchTask;
    }

    synchronized void recordTiming(String query, String part, long nanos) {
        used = true;
        if (profile) {
            timings.add(new MgdsprProfile.Timing(query, part, nanos));
        }
    }

    synchronized void recordReading(String query, List<String> queryWords, List<String> keyTerms,
                                    Map<String, Double> brandShares) {
        if (profile) {
            readings.add(new MgdsprProfile.Reading(query, queryWords, keyTerms, brandShares));
        }
    }

    synchronized void recordChannel(String query, String channel, long nanos, SearchResponse response) {
        used = true;
        timedOut |= response.isTimedOut();
        if (profile) {
            channelRuns.add(new MgdsprProfile.ChannelRun(query, channel, nanos, response.getTook().millis(),
                response.isTimedOut(), response.getTotalShards(), response.getSuccessfulShards(),
                response.getFailedShards(), response.getHits().getHits().length));
        }
    }

    /** Whether an {@code mgdspr} query of the request ran its channels. */
    public synchronized boolean used() {
        return used;
    }

    /** Whether a channel search stopped at the request's timeout, so the fused result is partial. */
    public synchronized boolean timedOut() {
        return timedOut;
    }

    /** The timings, or {@code null} without {@code profile}. */
    public synchronized MgdsprProfile profile() {
        return profile ? new MgdsprProfile(timings, channelRuns, readings) : null;
    }
}
