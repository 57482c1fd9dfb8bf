package org.mgdspr.plugin.stats;

import org.mgdspr.plugin.MgdsprThreadPools;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.nodes.TransportNodesAction;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

import java.io.IOException;
import java.util.List;

/**
 * Starts the engine on each selected node. The node operation runs on the plugin's load pool, so the blocking
 * start (unpacking and loading libtorch) never holds a transport or management thread.
 */
public class TransportLoadEngineAction
    extends TransportNodesAction<MgdsprNodesRequest, MgdsprNodesResponse, MgdsprNodeRequest, NodeStats> {

    private final NodeStatsProvider statsProvider;

    @Inject
    public TransportLoadEngineAction(ThreadPool threadPool, ClusterService clusterService,
                                     TransportService transportService, ActionFilters actionFilters,
                                     NodeStatsProvider statsProvider) {
        super(LoadEngineAction.NAME, threadPool, clusterService, transportService, actionFilters,
            MgdsprNodesRequest::new, MgdsprNodeRequest::new, MgdsprThreadPools.LOAD, NodeStats.class);
        this.statsProvider = statsProvider;
    }

    @Override
    protected MgdsprNodesResponse newResponse(MgdsprNodesRequest request, List<NodeStats> responses,
                                              List<FailedNodeException> failures) {
        return new MgdsprNodesResponse(clusterService.getClusterName(), responses, failures);
    }

    @Override
    protected MgdsprNodeRequest newNodeRequest(MgdsprNodesRequest request) {
        return new MgdsprNodeRequest();
    }

    @Override
    protected NodeStats newNodeResponse(StreamInput in) throws IOException {
        return new NodeStats(in);
    }

    @Override
    protected NodeStats nodeOperation(MgdsprNodeRequest request) {
        statsProvider.engine().start();
        return statsProvider.stats(clusterService.localNode());
    }
}
