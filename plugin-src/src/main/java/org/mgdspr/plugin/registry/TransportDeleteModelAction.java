package org.mgdspr.plugin.registry;

import org.mgdspr.plugin.serving.UnloadModelAction;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;

/**
 * Removes a model and all its chunks from the registry, then has every node drop it from its cache so no node
 * keeps serving it. The answer is acknowledged only when every node confirmed.
 */
public class TransportDeleteModelAction extends HandledTransportAction<ModelIdRequest, AcknowledgedResponse> {

    private final ModelStore store;
    private final Client client;

    @Inject
    public TransportDeleteModelAction(TransportService transportService, ActionFilters actionFilters, ModelStore store,
                                      Client client) {
        super(RegistryActions.DELETE.name(), transportService, actionFilters, ModelIdRequest::new);
        this.store = store;
        this.client = client;
    }

    @Override
    protected void doExecute(Task task, ModelIdRequest request, ActionListener<AcknowledgedResponse> listener) {
        if (request.modelId() == null) {
            listener.onFailure(new IllegalArgumentException("a delete needs a model_id"));
            return;
        }
        store.delete(request.modelId(), ActionListener.wrap(
            deleted -> client.execute(UnloadModelAction.INSTANCE, new UnloadModelAction.Request(request.modelId()),
                ActionListener.map(listener, unloaded -> new AcknowledgedResponse(!unloaded.hasFailures()))),
            listener::onFailure));
    }
}
