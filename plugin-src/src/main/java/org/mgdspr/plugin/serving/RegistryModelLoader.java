package org.mgdspr.plugin.serving;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.plugin.MgdsprThreadPools;
import org.mgdspr.plugin.cache.ModelLoader;
import org.mgdspr.plugin.engine.DjlEngine;
import org.mgdspr.plugin.registry.IntegrityFailures;
import org.mgdspr.plugin.registry.ModelState;
import org.mgdspr.plugin.registry.ModelStore;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.threadpool.ThreadPool;


/**
 * Loads a model from the cluster's registry into this node: reads the chunks (a local read, the registry index
 * has a copy on every node), then on the load pool starts the engine if needed, verifies the artifact against the
 * SHA-256 its commit recorded in the cluster state and builds the towers. The store has already refused a record
 * that does not match its commit; a forged or swapped artifact is refused here, with a 409, and counted.
 */
public final class RegistryModelLoader implements ModelLoader<ServedModel> {

    private final ModelStore store;
    private final DjlEngine engine;
    private final ThreadPool threadPool;
    private final long maxModelBytes;
    private final IntegrityFailures integrityFailures;

    public RegistryModelLoader(ModelStore store, DjlEngine engine, ThreadPool threadPool, long maxModelBytes,
                               IntegrityFailures integrityFailures) {
        this.store = store;
        this.engine = engine;
        this.threadPool = threadPool;
        this.maxModelBytes = maxModelBytes;
        this.integrityFailures = integrityFailures;
    }

    @Override
    public void load(String modelId, ActionListener<ServedModel> listener) {
        store.get(modelId, ActionListener.wrap(record -> {
            if (record.state() != ModelState.READY) {
                listener.onFailure(new OpenSearchStatusException("model [" + modelId + "] is still uploading; commit "
                    + "it before using it", RestStatus.CONFLICT));
                return;
            }
            store.readArtifact(record, maxModelBytes, ActionListener.wrap(
                bytes -> threadPool.executor(MgdsprThreadPools.LOAD).execute(() -> {
                    ServedModel model;
                    try {
                        String actual = ModelArtifact.sha256(bytes);
                        String committed = store.committedSha256(modelId).orElse("none: the model was deleted");
                        if (!actual.equals(committed)) {
                            throw integrityFailures.artifactMismatch(modelId, actual, committed);
                        }
                        engine.start();
                        model = ServedModel.load(MgdsprArtifact.of(ModelArtifact.read(bytes)));
                    } catch (Exception e) {
                        listener.onFailure(e);
                        return;
                    }
                    listener.onResponse(model);
                }),
                listener::onFailure));
        }, listener::onFailure));
    }
}
