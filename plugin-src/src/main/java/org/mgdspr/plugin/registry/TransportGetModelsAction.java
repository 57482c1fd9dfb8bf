package org.mgdspr.plugin.registry;

import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;

import java.util.List;

/** Returns one registered model, or all of them. */
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
            store.list(ActionListener.map(listener, models -> new ModelsResponse(models, false)));
        } else {
            store.get(request.modelId(), ActionListener.map(listener, model -> new ModelsResponse(List.of(model), true)));
        }
    }
}
