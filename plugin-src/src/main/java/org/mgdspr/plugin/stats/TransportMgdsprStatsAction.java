package org.mgdspr.plugin.stats;

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

/** Collects {@link NodeStats} from every selected node; reading stats never starts the engine. */
public class TransportMgdsprStatsAction
    extends TransportNodesAction<MgdsprNodesRequest, MgdsprNodesResponse, MgdsprNodeRequest, NodeStats> {

    private final NodeStatsProvider statsProvider;

    @Inject
    public TransportMgdsprStatsAction(ThreadPool threadPool, ClusterService clusterService,
                                      TransportService transportService, ActionFilters actionFilters,
                                      NodeStatsProvider statsProvider) {
        super(MgdsprStatsAction.NAME, threadPool, clusterService, transportService, actionFilters,
            MgdsprNodesRequest::new, MgdsprNodeRequest::new, ThreadPool.Names.MANAGEMENT, NodeStats.class);
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
        return statsProvider.stats(clusterService.localNode());
    }
}
