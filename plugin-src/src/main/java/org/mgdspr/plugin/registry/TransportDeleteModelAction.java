package org.mgdspr.plugin.registry;

import org.mgdspr.plugin.ingest.PipelineModelCheck;
import org.mgdspr.plugin.serving.UnloadModelAction;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.ingest.IngestMetadata;
import org.opensearch.ingest.PipelineConfiguration;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Removes a model, all its chunks and its committed SHA-256 from the registry, then has every node drop it from
 * its cache so no node keeps serving it. The answer is acknowledged only when every node confirmed. A model that
 * ingest pipelines use is kept (409 naming them) unless the request forces the deletion.
 */
public class TransportDeleteModelAction extends HandledTransportAction<DeleteModelRequest, DeleteModelResponse> {

    private final ModelStore store;
    private final Client client;
    private final ClusterService clusterService;

    @Inject
    public TransportDeleteModelAction(TransportService transportService, ActionFilters actionFilters, ModelStore store,
                                      Client client, ClusterService clusterService) {
        super(RegistryActions.DELETE.name(), transportService, actionFilters, DeleteModelRequest::new);
        this.store = store;
        this.client = client;
        this.clusterService = clusterService;
    }

    @Override
    protected void doExecute(Task task, DeleteModelRequest request, ActionListener<DeleteModelResponse> listener) {
        String modelId = request.modelId();
        List<String> pipelines = pipelinesUsing(clusterService.state(), modelId);
        if (!pipelines.isEmpty() && !request.force()) {
            listener.onFailure(new OpenSearchStatusException("model [" + modelId + "] is used by ingest pipelines "
                + pipelines + "; change or delete them first, or delete the model with force=true (their documents "
                + "then fail)", RestStatus.CONFLICT));
            return;
        }
        store.delete(modelId, ActionListener.wrap(
            deleted -> client.execute(UnloadModelAction.INSTANCE, new UnloadModelAction.Request(modelId),
                ActionListener.map(listener, unloaded -> new DeleteModelResponse(!unloaded.hasFailures(), pipelines))),
            listener::onFailure));
    }

    /** Ids of the pipelines whose item-embedding processors name the model, sorted. */
    static List<String> pipelinesUsing(ClusterState state, String modelId) {
        IngestMetadata ingest = state.metadata().custom(IngestMetadata.TYPE);
        List<String> pipelines = new ArrayList<>();
        if (ingest == null) {
            return pipelines;
        }
        for (PipelineConfiguration pipeline : new TreeMap<>(ingest.getPipelines()).values()) {
            if (PipelineModelCheck.referencedModels(pipeline.getConfigAsMap()).contains(modelId)) {
                pipelines.add(pipeline.getId());
            }
        }
        return pipelines;
    }
}
