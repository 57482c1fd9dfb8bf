package org.mgdspr.plugin.registry;

import org.mgdspr.plugin.MgdsprThreadPools;
import org.mgdspr.plugin.settings.MgdsprSettings;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

import java.util.List;

/**
 * Finishes an upload: reassembles the chunks, verifies the artifact on the load pool (SHA-256, manifest, config),
 * records its SHA-256 in the cluster state ({@link CommittedModels}) and marks the model ready. A failed verification leaves the upload in place so the client can see why and
 * delete it.
 */
public class TransportCommitModelAction extends HandledTransportAction<ModelIdRequest, ModelsResponse> {

    private final ModelStore store;
    private final ThreadPool threadPool;
    private final ClusterService clusterService;

    @Inject
    public TransportCommitModelAction(TransportService transportService, ActionFilters actionFilters, ModelStore store,
                                      ThreadPool threadPool, ClusterService clusterService) {
        super(RegistryActions.COMMIT.name(), transportService, actionFilters, ModelIdRequest::new);
        this.store = store;
        this.threadPool = threadPool;
        this.clusterService = clusterService;
    }

    @Override
    protected void doExecute(Task task, ModelIdRequest request, ActionListener<ModelsResponse> listener) {
        if (request.modelId() == null) {
            listener.onFailure(new IllegalArgumentException("a commit needs a model_id"));
            return;
        }
        long maxBytes = MgdsprSettings.MAX_MODEL_SIZE.get(clusterService.getSettings()).getBytes();
        store.getVersioned(request.modelId(), ActionListener.wrap(read -> {
            ModelRecord record = read.record();
            if (record.state() != ModelState.UPLOADING) {
                listener.onFailure(new OpenSearchStatusException("model [" + record.modelId() + "] is already "
                    + record.state().jsonValue() + "; nothing to commit", RestStatus.CONFLICT));
                return;
            }
            store.readArtifact(record, maxBytes, ActionListener.wrap(bytes -> threadPool.executor(MgdsprThreadPools.LOAD)
                .execute(() -> verifyAndPublish(read, bytes, request.sha256(), listener)), listener::onFailure));
        }, listener::onFailure));
    }

    private void verifyAndPublish(ModelStore.VersionedRecord read, byte[] bytes, String sha256,
                                  ActionListener<ModelsResponse> listener) {
        ArtifactVerifier.Verified verified;
        try {
            verified = ArtifactVerifier.verify(bytes, sha256);
        } catch (Exception e) {
            listener.onFailure(e);
            return;
        }
        ModelRecord ready = read.record().ready(verified.sha256(), verified.sizeInBytes(), verified.dimension(),
            verified.configJson(), verified.fittedFusionJson(), verified.fittedBrandBoostWeight());
        // the digest goes where no document write can reach before the record says ready, so a ready record
        // always has it
        store.recordCommit(ready.modelId(), ready.sha256(),
            ActionListener.wrap(recorded -> store.replaceRecord(read, ready,
                ActionListener.map(listener, ignored -> ModelsResponse.single(ready, List.of()))), listener::onFailure));
    }
}
