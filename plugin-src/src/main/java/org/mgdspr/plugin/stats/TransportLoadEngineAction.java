package org.mgdspr.plugin.stats;

import org.mgdspr.plugin.MgdsprThreadPools;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/**
 * Starts the engine on each selected node. The node operation runs on the plugin's load pool, so the blocking
 * start (unpacking and loading libtorch) never holds a transport or management thread.
 */
public class TransportLoadEngineAction extends NodeStatsTransportAction {

    @Inject
    public TransportLoadEngineAction(ThreadPool threadPool, ClusterService clusterService,
                                     TransportService transportService, ActionFilters actionFilters,
                                     NodeStatsProvider statsProvider) {
        super(LoadEngineAction.INSTANCE, MgdsprThreadPools.LOAD, threadPool, clusterService, transportService,
            actionFilters, statsProvider);
    }

    @Override
    protected NodeStats nodeOperation(MgdsprNodeRequest request) {
        statsProvider.engine().start();
        return statsProvider.stats(clusterService.localNode());
    }
}
