package org.mgdspr.plugin;

import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.OpenSearchExecutors;
import org.opensearch.threadpool.ExecutorBuilder;
import org.opensearch.threadpool.FixedExecutorBuilder;

import java.util.List;

/**
 * The plugin's own thread pools. Inference and engine or model loading never run on transport, search or write
 * threads; each pool is sized and queued through the usual {@code thread_pool.<name>.*} node settings.
 */
public final class MgdsprThreadPools {

    /** User- and item-tower inference. */
    public static final String INFERENCE = "mgdspr_inference";

    /** Engine start and model loading: rare, slow, and serialised so a node unpacks or loads one thing at a time. */
    public static final String LOAD = "mgdspr_load";

    private static final String PREFIX = "thread_pool";

    private MgdsprThreadPools() {}

    public static List<ExecutorBuilder<?>> executorBuilders(Settings settings) {
        int processors = OpenSearchExecutors.allocatedProcessors(settings);
        return List.of(
            new FixedExecutorBuilder(settings, INFERENCE, processors, 1000, PREFIX + "." + INFERENCE),
            new FixedExecutorBuilder(settings, LOAD, 1, 100, PREFIX + "." + LOAD));
    }
}
