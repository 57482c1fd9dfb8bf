package org.mgdspr.plugin.stats;

import org.opensearch.action.support.ActionFilters;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/** Collects {@link NodeStats} from every selected node; reading stats never starts the engine. */
public class TransportMgdsprStatsAction extends NodeStatsTransportAction {

    @Inject
    public TransportMgdsprStatsAction(ThreadPool threadPool, ClusterService clusterService,
                                      TransportService transportService, ActionFilters actionFilters,
                                      NodeStatsProvider statsProvider) {
        super(MgdsprStatsAction.INSTANCE, ThreadPool.Names.MANAGEMENT, threadPool, clusterService, transportService,
            actionFilters, statsProvider);
    }

    @Override
    protected NodeStats nodeOperation(MgdsprNodeRequest request) {
        return statsProvider.stats(clusterService.localNode());
    }
}
