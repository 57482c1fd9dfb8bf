package org.mgdspr.plugin.rest;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.plugin.registry.DeleteModelRequest;
import org.mgdspr.plugin.registry.RegistryActions;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;

import java.util.List;

import static org.opensearch.rest.RestRequest.Method.DELETE;

/**
 * {@code DELETE _plugins/mgdspr/models/{model_id}[?force=true]}: removes the model and its chunks from the registry;
 * a model that ingest pipelines use is kept (409 naming them) unless {@code force} is set.
 */
public class RestDeleteModelAction extends BaseRestHandler {

    @Override
    public String getName() {
        return "mgdspr_delete_model_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(DELETE, RegistryApi.MODELS_PATH + "/{model_id}"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        DeleteModelRequest delete = new DeleteModelRequest(request.param("model_id"), request.paramAsBoolean("force", false));
        return channel -> client.execute(RegistryActions.DELETE, delete, new RestToXContentListener<>(channel));
    }
}
