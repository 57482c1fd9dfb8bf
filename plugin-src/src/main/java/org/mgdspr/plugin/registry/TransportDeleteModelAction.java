package org.mgdspr.plugin.registry;

import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;

/** Removes a model and all its chunks from the registry. */
public class TransportDeleteModelAction extends HandledTransportAction<ModelIdRequest, AcknowledgedResponse> {

    private final ModelStore store;

    @Inject
    public TransportDeleteModelAction(TransportService transportService, ActionFilters actionFilters, ModelStore store) {
        super(RegistryActions.DELETE.name(), transportService, actionFilters, ModelIdRequest::new);
        this.store = store;
    }

    @Override
    protected void doExecute(Task task, ModelIdRequest request, ActionListener<AcknowledgedResponse> listener) {
        if (request.modelId() == null) {
            listener.onFailure(new IllegalArgumentException("a delete needs a model_id"));
            return;
        }
        store.delete(request.modelId(), ActionListener.map(listener, ignored -> new AcknowledgedResponse(true)));
    }
}
