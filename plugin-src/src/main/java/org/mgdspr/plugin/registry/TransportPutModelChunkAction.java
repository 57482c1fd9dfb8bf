package org.mgdspr.plugin.registry;

import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/** Stores one chunk of an upload in the registry index. */
public class TransportPutModelChunkAction extends HandledTransportAction<ModelChunkRequest, AcknowledgedResponse> {

    private final ModelStore store;
    private final ThreadPool threadPool;

    @Inject
    public TransportPutModelChunkAction(TransportService transportService, ActionFilters actionFilters, ModelStore store,
                                        ThreadPool threadPool) {
        super(RegistryActions.PUT_CHUNK.name(), transportService, actionFilters, ModelChunkRequest::new);
        this.store = store;
        this.threadPool = threadPool;
    }

    @Override
    protected void doExecute(Task task, ModelChunkRequest request, ActionListener<AcknowledgedResponse> listener) {
        store.putChunk(request.modelId(), request.chunkIndex(), request.chunkCount(), request.data(),
            threadPool.absoluteTimeInMillis(), ActionListener.map(listener, ignored -> new AcknowledgedResponse(true)));
    }
}
