package org.mgdspr.plugin.registry;

import org.opensearch.cluster.ClusterChangedEvent;
import org.opensearch.cluster.ClusterStateListener;
import org.opensearch.core.index.Index;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps a node from serving models the registry no longer vouches for: when the registry index is deleted (by
 * anyone, through any API) every cached model is dropped, and when a model's committed SHA-256 changes or is
 * removed that model is dropped. Later loads then fail with the reason instead of serving from the cache.
 */
public final class RegistryWatcher implements ClusterStateListener {

    private final Consumer<String> unloadModel;
    private final Runnable unloadAll;

    public RegistryWatcher(Consumer<String> unloadModel, Runnable unloadAll) {
        this.unloadModel = unloadModel;
        this.unloadAll = unloadAll;
    }

    @Override
    public void clusterChanged(ClusterChangedEvent event) {
        for (Index deleted : event.indicesDeleted()) {
            if (ModelIndex.NAME.equals(deleted.getName())) {
                unloadAll.run();
                return;
            }
        }
        if (!event.metadataChanged()) {
            return;
        }
        Map<String, String> before = CommittedModels.of(event.previousState()).sha256ByModelId();
        Map<String, String> after = CommittedModels.of(event.state()).sha256ByModelId();
        before.forEach((modelId, sha256) -> {
            if (!sha256.equals(after.get(modelId))) {
                unloadModel.accept(modelId);
            }
        });
    }
}
