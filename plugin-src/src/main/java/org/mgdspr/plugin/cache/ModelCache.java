package org.mgdspr.plugin.cache;

import org.opensearch.ExceptionsHelper;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.core.action.ActionListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The node's bounded cache of loaded models.
 *
 * <p>A model is loaded lazily by the first request that needs it; concurrent requests for a model that is loading
 * wait for the same load instead of starting their own. When the loaded models exceed {@code maxBytes}, the least
 * recently used ones are evicted; an evicted model that is still leased is closed when its last lease is
 * released, so eviction and reload are safe under concurrent requests. A failed load is reported to every waiter
 * and retried by the next request. All state changes happen under the cache's lock; listeners and model closes
 * run outside it.
 */
public final class ModelCache<M extends CachedModel> {

    private final ModelLoader<M> loader;
    private final long maxBytes;

    private final Map<String, Entry<M>> loaded = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, List<ActionListener<ModelLease<M>>>> loading = new HashMap<>();
    /** Loads in flight whose model was invalidated meanwhile: their waiters get it, the cache does not keep it. */
    private final Set<String> invalidatedWhileLoading = new HashSet<>();
    private final Map<String, Counters> counters = new HashMap<>();

    public ModelCache(ModelLoader<M> loader, long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("model cache size must be >= 1 byte, got " + maxBytes);
        }
        this.loader = loader;
        this.maxBytes = maxBytes;
    }

    /** Hands a lease on the model to the listener, loading the model first if needed. */
    public void acquire(String modelId, ActionListener<ModelLease<M>> listener) {
        ModelLease<M> lease;
        synchronized (this) {
            Entry<M> entry = loaded.get(modelId);
            if (entry == null) {
                List<ActionListener<ModelLease<M>>> waiters = loading.get(modelId);
                if (waiters != null) {
                    waiters.add(listener);
                    return;
                }
                waiters = new ArrayList<>();
                waiters.add(listener);
                loading.put(modelId, waiters);
                lease = null;
            } else {
                lease = entry.lease();
            }
        }
        if (lease != null) {
            listener.onResponse(lease);
            return;
        }
        try {
            loader.load(modelId, ActionListener.wrap(model -> onLoaded(modelId, model), e -> onLoadFailed(modelId, e)));
        } catch (RuntimeException e) {
            onLoadFailed(modelId, e);
        }
    }

    /**
     * Drops the model (for example after it was deleted); open leases keep it usable until they are released. A load
     * in flight still serves the requests waiting for it, but its model is closed after them instead of cached.
     */
    public void invalidate(String modelId) {
        Entry<M> removed;
        synchronized (this) {
            if (loading.containsKey(modelId)) {
                invalidatedWhileLoading.add(modelId);
            }
            removed = loaded.remove(modelId);
            if (removed != null) {
                counters(modelId).evictions++;
            }
        }
        if (removed != null) {
            removed.evict();
        }
    }

    /**
     * Drops every model (the node shuts down, or the registry index was deleted); leased models close when their
     * last lease is released, and loads in flight serve their waiters without being cached.
     */
    public void clear() {
        List<Entry<M>> removed;
        synchronized (this) {
            invalidatedWhileLoading.addAll(loading.keySet());
            removed = new ArrayList<>(loaded.values());
            loaded.keySet().forEach(modelId -> counters(modelId).evictions++);
            loaded.clear();
        }
        removed.forEach(Entry::evict);
    }

    /** Per-model state, for the stats endpoint; models never requested are absent. Does not touch the LRU order. */
    public synchronized Map<String, CachedModelStats> stats() {
        Map<String, Entry<M>> current = new HashMap<>();
        loaded.entrySet().forEach(entry -> current.put(entry.getKey(), entry.getValue()));
        Map<String, CachedModelStats> stats = new TreeMap<>();
        counters.forEach((modelId, counts) -> {
            Entry<M> entry = current.get(modelId);
            stats.put(modelId, new CachedModelStats(entry != null, entry == null ? 0 : entry.model.memoryBytes(),
                entry == null ? 0 : entry.leaseCount(), counts.loads, counts.loadFailures, counts.evictions));
        });
        return stats;
    }

    public synchronized long memoryBytes() {
        return loaded.values().stream().mapToLong(entry -> entry.model.memoryBytes()).sum();
    }

    private void onLoaded(String modelId, M model) {
        List<ActionListener<ModelLease<M>>> waiters;
        List<ModelLease<M>> leases = new ArrayList<>();
        List<Entry<M>> evicted = new ArrayList<>();
        synchronized (this) {
            waiters = loading.remove(modelId);
            Entry<M> entry = new Entry<>(model);
            counters(modelId).loads++;
            for (int i = 0; i < waiters.size(); i++) {
                leases.add(entry.lease());
            }
            if (invalidatedWhileLoading.remove(modelId)) {
                evicted.add(entry);
            } else {
                loaded.put(modelId, entry);
                evicted.addAll(evictBeyondBound(modelId));
            }
        }
        evicted.forEach(Entry::evict);
        for (int i = 0; i < waiters.size(); i++) {
            waiters.get(i).onResponse(leases.get(i));
        }
    }

    private void onLoadFailed(String modelId, Exception failure) {
        List<ActionListener<ModelLease<M>>> waiters;
        synchronized (this) {
            waiters = loading.remove(modelId);
            invalidatedWhileLoading.remove(modelId);
            // ids that name no model would otherwise fill the stats with an entry each, forever
            if (!(ExceptionsHelper.unwrapCause(failure) instanceof ResourceNotFoundException)) {
                counters(modelId).loadFailures++;
            }
        }
        for (ActionListener<ModelLease<M>> waiter : waiters) {
            waiter.onFailure(failure);
        }
    }

    /** Least recently used first; the model just loaded stays even if it alone exceeds the bound. */
    private List<Entry<M>> evictBeyondBound(String keep) {
        List<Entry<M>> evicted = new ArrayList<>();
        long total = loaded.values().stream().mapToLong(entry -> entry.model.memoryBytes()).sum();
        var iterator = loaded.entrySet().iterator();
        while (total > maxBytes && iterator.hasNext()) {
            Map.Entry<String, Entry<M>> candidate = iterator.next();
            if (candidate.getKey().equals(keep)) {
                continue;
            }
            iterator.remove();
            total -= candidate.getValue().model.memoryBytes();
            counters(candidate.getKey()).evictions++;
            evicted.add(candidate.getValue());
        }
        return evicted;
    }

    private Counters counters(String modelId) {
        return counters.computeIfAbsent(modelId, id -> new Counters());
    }

    private static final class Counters {
        long loads;
        long loadFailures;
        long evictions;
    }

    /** A loaded model with its lease count; closed once evicted and unleased. */
    private static final class Entry<M extends CachedModel> {
        private final M model;
        private int leases;
        private boolean evicted;
        private boolean closed;

        Entry(M model) {
            this.model = model;
        }

        synchronized int leaseCount() {
            return leases;
        }

        synchronized ModelLease<M> lease() {
            leases++;
            return new Lease();
        }

        void evict() {
            boolean closeNow;
            synchronized (this) {
                evicted = true;
                closeNow = leases == 0 && !closed;
                closed |= closeNow;
            }
            if (closeNow) {
                model.close();
            }
        }

        private void release() {
            boolean closeNow;
            synchronized (this) {
                leases--;
                closeNow = evicted && leases == 0 && !closed;
                closed |= closeNow;
            }
            if (closeNow) {
                model.close();
            }
        }

        private final class Lease implements ModelLease<M> {
            private boolean released;

            @Override
            public M model() {
                return model;
            }

            @Override
            public void close() {
                synchronized (Entry.this) {
                    if (released) {
                        throw new IllegalStateException("lease released twice");
                    }
                    released = true;
                }
                release();
            }
        }
    }
}
