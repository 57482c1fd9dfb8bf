package org.mgdspr.plugin.query;

import org.mgdspr.model.fusion.FusionSpec;
import org.mgdspr.plugin.fusion.ChannelList;
import org.mgdspr.plugin.fusion.FusedHitsQueryBuilder;
import org.mgdspr.plugin.fusion.GlobalFusion;
import org.opensearch.action.IndicesRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.core.action.ActionListener;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.transport.client.Client;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs the channel searches of one {@code mgdspr} query side by side on the coordinating node, each as a child of the
 * user's search task (cancelling the search cancels them), then fuses their global lists into the query the shards
 * run ({@link FusedHitsQueryBuilder}). Timings go to the request's {@link SearchTrace}.
 */
final class CoordinatorFusion {

    private final List<ChannelSearch> channels;
    private final FusionSpec spec;
    private final boolean provenance;
    private final QueryBuilder filter;
    private final String queryLabel;

    /**
     * @param channels   the k-NN channel, then optionally the lexical channel
     * @param filter     the {@code mgdspr} query's filter, for the names in it, or {@code null}
     * @param queryLabel names the query in the trace
     */
    CoordinatorFusion(List<ChannelSearch> channels, FusionSpec spec, boolean provenance, QueryBuilder filter,
                      String queryLabel) {
        if (channels.isEmpty() || channels.size() > 2) {
            throw new IllegalArgumentException("fusion combines one or two channels, got " + channels.size());
        }
        this.channels = List.copyOf(channels);
        this.spec = spec;
        this.provenance = provenance;
        this.filter = filter;
        this.queryLabel = queryLabel;
    }

    /** @param trace the request's trace, or {@code null} outside a search request (no parent task, no timings) */
    void run(Client client, IndicesRequest userSearch, SearchTrace trace, ActionListener<FusedHitsQueryBuilder> listener) {
        AtomicReferenceArray<ChannelList> lists = new AtomicReferenceArray<>(channels.size());
        AtomicInteger pending = new AtomicInteger(channels.size());
        AtomicBoolean failed = new AtomicBoolean();
        for (int i = 0; i < channels.size(); i++) {
            int channel = i;
            ChannelSearch search = channels.get(i);
            SearchRequest request = search.request(userSearch);
            if (trace != null) {
                request.setParentTask(trace.searchTask());
            }
            long start = System.nanoTime();
            ActionListener<SearchResponse> done = ActionListener.wrap(response -> {
                if (trace != null) {
                    trace.recordChannel(queryLabel, search.name(), System.nanoTime() - start, response);
                }
                lists.set(channel, search.list(response));
                if (pending.decrementAndGet() == 0) {
                    listener.onResponse(fuse(lists, trace));
                }
            }, e -> {
                if (failed.compareAndSet(false, true)) {
                    listener.onFailure(search.explain(e));
                }
            });
            client.search(request, ActionListener.wrap(response -> {
                if (!search.tiesAtTheCut(response)) {
                    done.onResponse(response);
                    return;
                }
                SearchRequest ties = search.tieRequest(userSearch, response);
                ties.setParentTask(request.getParentTask());
                client.search(ties, done);
            }, done::onFailure));
        }
    }

    private FusedHitsQueryBuilder fuse(AtomicReferenceArray<ChannelList> lists, SearchTrace trace) {
        long start = System.nanoTime();
        ChannelList[] all = new ChannelList[lists.length()];
        for (int i = 0; i < all.length; i++) {
            all[i] = lists.get(i);
        }
        List<ChannelList> channelLists = Arrays.asList(all);
        FusedHitsQueryBuilder fused = new FusedHitsQueryBuilder(spec,
            channelLists.stream().map(ChannelList::name).toList(), provenance, filter,
            GlobalFusion.fuse(spec, channelLists));
        if (trace != null) {
            trace.recordTiming(queryLabel, "fusion", System.nanoTime() - start);
        }
        return fused;
    }
}
