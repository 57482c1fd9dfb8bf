package org.mgdspr.plugin.serving;

import org.mgdspr.model.features.UserContext;
import org.mgdspr.plugin.MgdsprThreadPools;
import org.mgdspr.plugin.cache.ModelCache;
import org.mgdspr.plugin.cache.ModelLease;
import org.mgdspr.plugin.ingest.ItemEmbeddingService;
import org.mgdspr.plugin.ingest.ItemText;
import org.mgdspr.plugin.stats.InferenceStats;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.action.support.ContextPreservingActionListener;
import org.opensearch.action.support.ThreadedActionListener;
import org.opensearch.core.action.ActionListener;
import org.opensearch.threadpool.ThreadPool;

import java.io.Closeable;
import java.util.List;
import java.util.function.Function;

/**
 * Runs the towers of registered models on this node: leases the model from the node cache (loading it on first
 * use) and computes on the plugin's inference pool, never on the caller's thread, recording latencies per tower.
 */
public final class InferenceService implements ItemEmbeddingService, QueryEncoder, Closeable {

    public static final String ITEM_TOWER = "item_tower";
    public static final String USER_TOWER = "user_tower";

    private static final Logger LOGGER = LogManager.getLogger(InferenceService.class);

    private final ModelCache<ServedModel> cache;
    private final ThreadPool threadPool;
    private final InferenceStats stats;

    public InferenceService(ModelCache<ServedModel> cache, ThreadPool threadPool, InferenceStats stats) {
        this.cache = cache;
        this.threadPool = threadPool;
        this.stats = stats;
    }

    @Override
    public void embedItems(String modelId, List<ItemText> items, ActionListener<float[][]> listener) {
        run(modelId, ITEM_TOWER, model -> model.embedItems(items), listener, ThreadPool.Names.WRITE);
    }

    @Override
    public void encode(String modelId, String queryText, UserContext context, boolean detectKeyTerms,
                       boolean correctSpelling, ActionListener<QueryEncoding> listener) {
        run(modelId, USER_TOWER, model -> {
            EmbeddedQuery embedded = model.embedQuery(queryText, context, correctSpelling);
            return new QueryEncoding(embedded.vector(), embedded.words(),
                detectKeyTerms ? model.detectKeyTerms(queryText) : List.of(), model.fittedFusion(),
                embedded.brandShares(), model.fittedBrandBoostWeight());
        }, listener, null);
    }

    /** The user tower's vector for a query and context with the query words it read, for {@code _embed}. */
    public void embedQuery(String modelId, String queryText, UserContext context, boolean correctSpelling,
                           ActionListener<EmbeddedQuery> listener) {
        run(modelId, USER_TOWER, model -> model.embedQuery(queryText, context, correctSpelling), listener, null);
    }

    /** Releases every loaded model's native memory; the node is shutting down. */
    @Override
    public void close() {
        cache.clear();
    }

    /** Drops the model from this node's cache; requests holding it finish first. */
    public void unload(String modelId) {
        cache.invalidate(modelId);
    }

    /**
     * Requests waiting for the same model load are answered from the thread that finished it, in the context of the
     * request that started it; each caller's listener therefore restores that caller's own context.
     *
     * @param continuation the pool the caller's work continues on, or {@code null} to continue on the inference
     *                     thread that computed the result. An ingest pipeline goes back to the write pool: the rest
     *                     of the pipeline and the indexing are write work. A search's continuation only rewrites
     *                     the query and sends the shard requests (the shards fork to their own search threads), so
     *                     it stays where the result is and saves waking up a second thread per query.
     */
    private <T> void run(String modelId, String operation, Function<ServedModel, T> inference,
                         ActionListener<T> callerListener, String continuation) {
        ActionListener<T> inContext =
            ContextPreservingActionListener.wrapPreservingContext(callerListener, threadPool.getThreadContext());
        // a write must not be dropped half-way through its pipeline
        ActionListener<T> listener = continuation == null ? inContext
            : new ThreadedActionListener<>(LOGGER, threadPool, continuation, inContext,
                ThreadPool.Names.WRITE.equals(continuation));
        cache.acquire(modelId, ActionListener.wrap(lease -> {
            try {
                threadPool.executor(MgdsprThreadPools.INFERENCE).execute(() -> compute(lease, operation, inference, listener));
            } catch (RuntimeException rejected) {
                lease.close();
                listener.onFailure(rejected);
            }
        }, listener::onFailure));
    }

    private <T> void compute(ModelLease<ServedModel> lease, String operation, Function<ServedModel, T> inference,
                             ActionListener<T> listener) {
        T result;
        try (lease) {
            long start = System.nanoTime();
            result = inference.apply(lease.model());
            stats.record(operation, System.nanoTime() - start);
        } catch (Exception e) {
            listener.onFailure(e);
            return;
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Error e) {
            // e.g. an InternalError from a native kernel: the request fails with it instead of waiting forever
            listener.onFailure(new IllegalStateException("[" + operation + "] failed: " + e, e));
            return;
        }
        listener.onResponse(result);
    }
}
