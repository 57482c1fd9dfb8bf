package org.mgdspr.plugin.rest;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.plugin.stats.LoadEngineAction;
import org.mgdspr.plugin.stats.MgdsprNodesRequest;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestActions;
import org.opensearch.transport.client.node.NodeClient;

import java.util.List;

import static org.opensearch.rest.RestRequest.Method.POST;

/**
 * {@code POST _plugins/mgdspr/engine/_load[/{node_id}]}: starts the PyTorch engine now instead of on first inference,
 * and answers with each node's stats. Nodes whose engine cannot start are listed under {@code _nodes.failures}.
 */
public class RestLoadEngineAction extends BaseRestHandler {

    @Override
    public String getName() {
        return "mgdspr_load_engine_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(
            new Route(POST, RegistryApi.PLUGIN_PATH + "/engine/_load"),
            new Route(POST, RegistryApi.PLUGIN_PATH + "/engine/_load/{node_id}"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        MgdsprNodesRequest nodesRequest = MgdsprNodesRequest.fromRest(request);
        return channel -> client.execute(LoadEngineAction.INSTANCE, nodesRequest,
            new RestActions.NodesResponseRestListener<>(channel));
    }
}
