package org.mgdspr.plugin.registry;

import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;

import java.util.List;

/**
 * Returns one registered model (with the chunks stored so far while it is uploading, so a client can resume), or
 * all of them with the entries skipped because they are malformed or do not match their commit.
 */
public class TransportGetModelsAction extends HandledTransportAction<ModelIdRequest, ModelsResponse> {

    private final ModelStore store;

    @Inject
    public TransportGetModelsAction(TransportService transportService, ActionFilters actionFilters, ModelStore store) {
        super(RegistryActions.GET.name(), transportService, actionFilters, ModelIdRequest::new);
        this.store = store;
    }

    @Override
    protected void doExecute(Task task, ModelIdRequest request, ActionListener<ModelsResponse> listener) {
        if (request.modelId() == null) {
            store.list(ActionListener.map(listener, ModelsResponse::listing));
            return;
        }
        store.get(request.modelId(), ActionListener.wrap(model -> {
            if (model.state() == ModelState.UPLOADING) {
                store.storedChunks(model, ActionListener.map(listener, stored -> ModelsResponse.single(model, stored)));
            } else {
                listener.onResponse(ModelsResponse.single(model, List.of()));
            }
        }, listener::onFailure));
    }
}
