package org.mgdspr.plugin.stats;

import org.opensearch.action.ActionType;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.nodes.TransportNodesAction;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

import java.io.IOException;
import java.util.List;

/**
 * A nodes action that answers with each node's {@link NodeStats}; subclasses decide what a node does first and
 * on which of its thread pools.
 */
abstract class NodeStatsTransportAction
    extends TransportNodesAction<MgdsprNodesRequest, MgdsprNodesResponse, MgdsprNodeRequest, NodeStats> {

    protected final NodeStatsProvider statsProvider;

    NodeStatsTransportAction(ActionType<MgdsprNodesResponse> action, String nodeExecutor, ThreadPool threadPool,
                             ClusterService clusterService, TransportService transportService,
                             ActionFilters actionFilters, NodeStatsProvider statsProvider) {
        super(action.name(), threadPool, clusterService, transportService, actionFilters, MgdsprNodesRequest::new,
            MgdsprNodeRequest::new, nodeExecutor, NodeStats.class);
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
}
