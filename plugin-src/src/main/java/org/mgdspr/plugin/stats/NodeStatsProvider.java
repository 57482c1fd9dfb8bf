package org.mgdspr.plugin.stats;

import org.mgdspr.model.serving.ServingKernels;
import org.mgdspr.plugin.cache.ModelCache;
import org.mgdspr.plugin.engine.DjlEngine;
import org.mgdspr.plugin.registry.IntegrityFailures;
import org.opensearch.cluster.node.DiscoveryNode;

/** Assembles this node's {@link NodeStats} from the components that own each part. */
public final class NodeStatsProvider {

    private final DjlEngine engine;
    private final InferenceStats inferenceStats;
    private final ModelCache<?> modelCache;
    private final IntegrityFailures integrityFailures;

    public NodeStatsProvider(DjlEngine engine, InferenceStats inferenceStats, ModelCache<?> modelCache,
                             IntegrityFailures integrityFailures) {
        this.engine = engine;
        this.inferenceStats = inferenceStats;
        this.modelCache = modelCache;
        this.integrityFailures = integrityFailures;
    }

    public DjlEngine engine() {
        return engine;
    }

    public NodeStats stats(DiscoveryNode localNode) {
        return new NodeStats(localNode, engine.versions(), engine.status(), ServingKernels.current(), modelCache.stats(),
            inferenceStats.snapshot(), integrityFailures.count());
    }
}
