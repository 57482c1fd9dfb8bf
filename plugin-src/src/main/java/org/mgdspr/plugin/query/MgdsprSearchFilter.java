package org.mgdspr.plugin.query;

import org.opensearch.action.ActionRequest;
import org.opensearch.action.search.SearchAction;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.action.search.SearchResponseSections;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.action.support.ActionFilterChain;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.tasks.TaskId;
import org.opensearch.search.SearchExtBuilder;
import org.opensearch.search.profile.SearchProfileShardResults;
import org.opensearch.tasks.Task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gives every search request a {@link SearchTrace} in its thread context, where the coordinating rewrite of an
 * {@code mgdspr} query finds the search task (the parent of its channel searches) and records timings, and writes
 * what was recorded into the response: {@code timed_out} when a channel search timed out, and {@code ext.mgdspr}
 * ({@link MgdsprProfile}) with {@code profile: true}. Responses of searches without an {@code mgdspr} query pass
 * through unchanged.
 */
public final class MgdsprSearchFilter implements ActionFilter {

    private final Supplier<ThreadContext> threadContext;
    private final Supplier<String> localNodeId;

    public MgdsprSearchFilter(Supplier<ThreadContext> threadContext, Supplier<String> localNodeId) {
        this.threadContext = threadContext;
        this.localNodeId = localNodeId;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(
        Task task, String action, Request request, ActionListener<Response> listener,
        ActionFilterChain<Request, Response> chain) {
        if (!SearchAction.NAME.equals(action) || !(request instanceof SearchRequest search)) {
            chain.proceed(task, action, request, listener);
            return;
        }
        ThreadContext context = threadContext.get();
        SearchTrace trace = new SearchTrace(new TaskId(localNodeId.get(), task.getId()),
            search.source() != null && search.source().profile());
        // a channel search is a search request of its own: it gets a fresh trace, not its parent's
        try (ThreadContext.StoredContext ignored = context.newStoredContext(true, List.of(SearchTrace.TRANSIENT))) {
            context.putTransient(SearchTrace.TRANSIENT, trace);
            chain.proceed(task, action, request, ActionListener.wrap(
                response -> listener.onResponse(withTrace(response, trace)), listener::onFailure));
        }
    }

    @SuppressWarnings("unchecked")
    private static <Response extends ActionResponse> Response withTrace(Response response, SearchTrace trace) {
        if (!trace.used() || !(response instanceof SearchResponse searchResponse)) {
            return response;
        }
        SearchResponseSections sections = searchResponse.getInternalResponse();
        List<SearchExtBuilder> ext = new ArrayList<>(sections.getSearchExtBuilders());
        MgdsprProfile profile = trace.profile();
        if (profile != null) {
            ext.add(profile);
        }
        SearchResponseSections traced = new SearchResponseSections(sections.hits(), sections.aggregations(),
            sections.suggest(), sections.timedOut() || trace.timedOut(), sections.terminatedEarly(),
            sections.profile().isEmpty() ? null : new SearchProfileShardResults(sections.profile()),
            sections.getNumReducePhases(), ext, sections.getProcessorResult());
        return (Response) new SearchResponse(traced, searchResponse.getScrollId(), searchResponse.getTotalShards(),
            searchResponse.getSuccessfulShards(), searchResponse.getSkippedShards(), searchResponse.getTook().millis(),
            searchResponse.getPhaseTook(), searchResponse.getShardFailures(), searchResponse.getClusters(),
            searchResponse.pointInTimeId());
    }
}
