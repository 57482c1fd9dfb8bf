package org.mgdspr.plugin.registry;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.plugin.settings.MgdsprSettings;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

/** Stores one chunk of an upload in the registry index, refusing chunks above the node's chunk size limit. */
public class TransportPutModelChunkAction extends HandledTransportAction<ModelChunkRequest, AcknowledgedResponse> {

    private final ModelStore store;
    private final ThreadPool threadPool;
    private final long maxChunkBytes;

    @Inject
    public TransportPutModelChunkAction(TransportService transportService, ActionFilters actionFilters, ModelStore store,
                                        ThreadPool threadPool, ClusterService clusterService) {
        super(RegistryActions.PUT_CHUNK.name(), transportService, actionFilters, ModelChunkRequest::new);
        this.store = store;
        this.threadPool = threadPool;
        this.maxChunkBytes = MgdsprSettings.MAX_CHUNK_SIZE.get(clusterService.getSettings()).getBytes();
    }

    @Override
    protected void doExecute(Task task, ModelChunkRequest request, ActionListener<AcknowledgedResponse> listener) {
        if (request.data().length > maxChunkBytes) {
            listener.onFailure(new IllegalArgumentException("chunk " + request.chunkIndex() + " of model ["
                + request.modelId() + "] is " + request.data().length + " bytes, above "
                + RegistryApi.MAX_CHUNK_SIZE_SETTING + " (" + maxChunkBytes + " bytes); send smaller chunks"));
            return;
        }
        store.putChunk(request.modelId(), request.chunkIndex(), request.chunkCount(), request.data(),
            threadPool.absoluteTimeInMillis(), ActionListener.map(listener, ignored -> new AcknowledgedResponse(true)));
    }
}
