package org.mgdspr.plugin.serving;

import org.opensearch.action.ActionType;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;

/** Computes embeddings on the coordinating node, with the model that node's cache serves. */
public final class EmbedAction {

    public static final ActionType<EmbedResponse> INSTANCE =
        new ActionType<>("cluster:admin/mgdspr/model/embed", EmbedResponse::new);

    private EmbedAction() {}

    /** Runs the requested tower through the node's {@link InferenceService}, off the transport thread. */
    public static class TransportAction extends HandledTransportAction<EmbedRequest, EmbedResponse> {

        private final InferenceService inference;

        @Inject
        public TransportAction(TransportService transportService, ActionFilters actionFilters, InferenceService inference) {
            super(INSTANCE.name(), transportService, actionFilters, EmbedRequest::new);
            this.inference = inference;
        }

        @Override
        protected void doExecute(Task task, EmbedRequest request, ActionListener<EmbedResponse> listener) {
            if (request.isUserRequest()) {
                inference.embedQuery(request.modelId(), request.query(), request.userContext(),
                    request.spellingCorrection(), ActionListener.map(listener, query -> new EmbedResponse(
                        request.modelId(), new float[][] {query.vector()}, query.words(), query.brandShares())));
            } else {
                inference.embedItems(request.modelId(), request.items(),
                    ActionListener.map(listener, vectors -> new EmbedResponse(request.modelId(), vectors, null, null)));
            }
        }
    }
}
