package org.mgdspr.plugin.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.secure_sm.AccessController;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The one place that starts DJL's PyTorch engine inside a node.
 *
 * <p>DJL is configured through JVM-wide system properties, so they are set here and nowhere else: offline mode
 * (nothing is ever downloaded), a stable native cache directory (the PyTorch library ships inside the plugin and
 * is unpacked there once), and the intra-op thread count. The engine is looked up with the plugin's class loader
 * as context loader, because DJL finds its engine providers through the context loader and OpenSearch threads
 * carry the system one. The start is lazy and blocking: callers must be on the plugin's load pool.
 */
public final class DjlEngine {

    public static final String ENGINE_NAME = "PyTorch";

    private static final Logger logger = LogManager.getLogger(DjlEngine.class);

    private final Path nativeCacheDir;
    private final int intraOpThreads;
    private final PluginVersions versions;
    private final Object startLock = new Object();
    private volatile EngineStatus status;
    private volatile Engine engine;

    public DjlEngine(Path nativeCacheDir, int intraOpThreads, PluginVersions versions) {
        if (!nativeCacheDir.isAbsolute()) {
            throw new IllegalArgumentException("native cache dir must be absolute: " + nativeCacheDir);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intra-op threads must be >= 1, got " + intraOpThreads);
        }
        this.nativeCacheDir = nativeCacheDir;
        this.intraOpThreads = intraOpThreads;
        this.versions = versions;
        this.status = statusOf(EngineStatus.State.NOT_STARTED, versions.bundledPytorch(), -1, -1, null);
    }

    public EngineStatus status() {
        return status;
    }

    public PluginVersions versions() {
        return versions;
    }

    /**
     * Returns the started engine, starting it first if needed. Blocking; a failed start is reported in
     * {@link #status()} and retried by the next call.
     *
     * @throws OpenSearchStatusException (500) when the engine cannot start
     */
    public Engine start() {
        Engine started = engine;
        if (started != null) {
            return started;
        }
        synchronized (startLock) {
            if (engine != null) {
                return engine;
            }
            status = statusOf(EngineStatus.State.STARTING, versions.bundledPytorch(), -1, -1, null);
            long startNanos = System.nanoTime();
            try {
                Engine loaded = AccessController.doPrivilegedChecked(this::loadEngine);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                status = statusOf(EngineStatus.State.STARTED, loaded.getVersion(), millis, System.currentTimeMillis(), null);
                logger.info("DJL {} engine {} (libtorch {}) started in {} ms, native library cache {}",
                    versions.djl(), loaded.getEngineName(), loaded.getVersion(), millis, nativeCacheDir);
                engine = loaded;
                return loaded;
            } catch (Exception | LinkageError e) {
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
                status = statusOf(EngineStatus.State.FAILED, versions.bundledPytorch(), millis, -1, reason);
                logger.error("DJL engine failed to start after " + millis + " ms (native cache " + nativeCacheDir + ")", e);
                throw new OpenSearchStatusException("the PyTorch engine failed to start on this node: " + reason,
                    RestStatus.INTERNAL_SERVER_ERROR, e);
            }
        }
    }

    private Engine loadEngine() throws IOException {
        Files.createDirectories(nativeCacheDir);
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("DJL_CACHE_DIR", nativeCacheDir.toString());
        System.setProperty("ENGINE_CACHE_DIR", nativeCacheDir.toString());
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(intraOpThreads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(DjlEngine.class.getClassLoader());
        try {
            Engine loaded = Engine.getEngine(ENGINE_NAME);
            verifyArithmetic(loaded);
            return loaded;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A started engine that cannot multiply two small matrices is not started. */
    private static void verifyArithmetic(Engine loaded) {
        try (NDManager manager = loaded.newBaseManager()) {
            NDArray matrix = manager.create(new float[] {1, 2, 3, 4}, new Shape(2, 2));
            float sum = matrix.matMul(matrix).sum().getFloat();
            if (sum != 54f) {
                throw new IllegalStateException("engine self-check computed " + sum + " instead of 54");
            }
        }
    }

    private EngineStatus statusOf(EngineStatus.State state, String pytorchVersion, long startMillis, long startedAt,
                                  String failure) {
        return new EngineStatus(state, ENGINE_NAME, pytorchVersion, nativeCacheDir.toString(), startMillis, startedAt,
            failure);
    }
}
