package org.mgdspr.plugin.stats;

import org.mgdspr.plugin.cache.ModelCache;
import org.mgdspr.plugin.engine.DjlEngine;
import org.opensearch.cluster.node.DiscoveryNode;

/** Assembles this node's {@link NodeStats} from the components that own each part. */
public final class NodeStatsProvider {

    private final DjlEngine engine;
    private final InferenceStats inferenceStats;
    private final ModelCache<?> modelCache;

    public NodeStatsProvider(DjlEngine engine, InferenceStats inferenceStats, ModelCache<?> modelCache) {
        this.engine = engine;
        this.inferenceStats = inferenceStats;
        this.modelCache = modelCache;
    }

    public DjlEngine engine() {
        return engine;
    }

    public NodeStats stats(DiscoveryNode localNode) {
        return new NodeStats(localNode, engine.versions(), engine.status(), modelCache.stats(),
            inferenceStats.snapshot());
    }
}
