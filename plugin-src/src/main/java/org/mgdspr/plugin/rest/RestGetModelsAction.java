package org.mgdspr.plugin.rest;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.plugin.registry.ModelIdRequest;
import org.mgdspr.plugin.registry.ModelRecord;
import org.mgdspr.plugin.registry.ModelState;
import org.mgdspr.plugin.registry.ModelsResponse;
import org.mgdspr.plugin.registry.RegistryActions;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.BytesRestResponse;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.RestResponse;
import org.opensearch.rest.action.RestBuilderListener;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;

import java.util.List;

import static org.opensearch.rest.RestRequest.Method.GET;

/**
 * {@code GET _plugins/mgdspr/models[/{model_id}]} lists or describes registered models;
 * {@code GET _plugins/mgdspr/models/{model_id}/_knn_mapping} returns the {@code knn_vector} field mapping that
 * matches the model (its dimension, inner-product space, Lucene HNSW), ready to put into an index mapping.
 */
public class RestGetModelsAction extends BaseRestHandler {

    @Override
    public String getName() {
        return "mgdspr_get_models_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(
            new Route(GET, RegistryApi.MODELS_PATH),
            new Route(GET, RegistryApi.MODELS_PATH + "/{model_id}"),
            new Route(GET, RegistryApi.MODELS_PATH + "/{model_id}/_knn_mapping"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        ModelIdRequest get = new ModelIdRequest(request.param("model_id"), null);
        if (!request.path().endsWith("/_knn_mapping")) {
            return channel -> client.execute(RegistryActions.GET, get, new RestToXContentListener<>(channel));
        }
        return channel -> client.execute(RegistryActions.GET, get, new RestBuilderListener<ModelsResponse>(channel) {
            @Override
            public RestResponse buildResponse(ModelsResponse response, XContentBuilder builder) throws Exception {
                ModelRecord model = response.models().get(0);
                if (model.state() != ModelState.READY) {
                    throw new OpenSearchStatusException("model [" + model.modelId() + "] is still uploading; commit it "
                        + "first", RestStatus.CONFLICT);
                }
                KnnMappings.knnVectorField(builder, model.dimension());
                return new BytesRestResponse(RestStatus.OK, builder);
            }
        });
    }
}
