package org.mgdspr.plugin.rest;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.plugin.stats.MgdsprNodesRequest;
import org.mgdspr.plugin.stats.MgdsprStatsAction;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestActions;
import org.opensearch.transport.client.node.NodeClient;

import java.util.List;

import static org.opensearch.rest.RestRequest.Method.GET;

/** {@code GET _plugins/mgdspr/stats[/{node_id}]}: versions, engine state and inference latencies per node. */
public class RestMgdsprStatsAction extends BaseRestHandler {

    @Override
    public String getName() {
        return "mgdspr_stats_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(
            new Route(GET, RegistryApi.PLUGIN_PATH + "/stats"),
            new Route(GET, RegistryApi.PLUGIN_PATH + "/stats/{node_id}"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        MgdsprNodesRequest nodesRequest = MgdsprNodesRequest.fromRest(request);
        return channel -> client.execute(MgdsprStatsAction.INSTANCE, nodesRequest,
            new RestActions.NodesResponseRestListener<>(channel));
    }
}
