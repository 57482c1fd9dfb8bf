package org.mgdspr.plugin.cache;

import org.junit.jupiter.api.Test;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.core.action.ActionListener;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelCacheTest {

    private static final class FakeModel implements CachedModel {
        final String id;
        final long bytes;
        volatile boolean closed;

        FakeModel(String id, long bytes) {
            this.id = id;
            this.bytes = bytes;
        }

        @Override
        public long memoryBytes() {
            return bytes;
        }

        @Override
        public void close() {
            if (closed) {
                throw new AssertionError(id + " closed twice");
            }
            closed = true;
        }
    }

    /** A loader whose loads complete only when the test says so. */
    private static final class ManualLoader implements ModelLoader<FakeModel> {
        final Map<String, List<ActionListener<FakeModel>>> pending = new HashMap<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public synchronized void load(String modelId, ActionListener<FakeModel> listener) {
            calls.incrementAndGet();
            pending.computeIfAbsent(modelId, id -> new ArrayList<>()).add(listener);
        }

        synchronized void complete(String modelId, FakeModel model) {
            pending.remove(modelId).forEach(listener -> listener.onResponse(model));
        }

        synchronized void fail(String modelId, Exception e) {
            pending.remove(modelId).forEach(listener -> listener.onFailure(e));
        }
    }

    private static ModelLease<FakeModel> acquireNow(ModelCache<FakeModel> cache, String id) {
        AtomicReference<ModelLease<FakeModel>> lease = new AtomicReference<>();
        cache.acquire(id, ActionListener.wrap(lease::set, e -> {
            throw new AssertionError(e);
        }));
        return lease.get();
    }

    @Test
    void concurrentRequestsShareOneLoad() {
        ManualLoader loader = new ManualLoader();
        ModelCache<FakeModel> cache = new ModelCache<>(loader, 1000);
        List<ModelLease<FakeModel>> leases = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            cache.acquire("m", ActionListener.wrap(leases::add, e -> {
                throw new AssertionError(e);
            }));
        }
        assertEquals(1, loader.calls.get());
        assertTrue(leases.isEmpty());
        FakeModel model = new FakeModel("m", 10);
        loader.complete("m", model);
        assertEquals(5, leases.size());
        leases.forEach(lease -> assertSame(model, lease.model()));
        assertEquals(5, cache.stats().get("m").leases());
        leases.forEach(ModelLease::close);
        ModelLease<FakeModel> again = acquireNow(cache, "m");
        assertSame(model, again.model());
        assertEquals(1, loader.calls.get());
        again.close();
    }

    @Test
    void leastRecentlyUsedIsEvictedAndClosedOnlyAfterItsLastLease() {
        ManualLoader loader = new ManualLoader();
        ModelCache<FakeModel> cache = new ModelCache<>(loader, 100);
        FakeModel a = new FakeModel("a", 60);
        cache.acquire("a", ActionListener.wrap(ModelLease::close, e -> { }));
        loader.complete("a", a);
        ModelLease<FakeModel> leaseOnA = acquireNow(cache, "a");

        cache.acquire("b", ActionListener.wrap(ModelLease::close, e -> { }));
        FakeModel b = new FakeModel("b", 60);
        loader.complete("b", b);

        assertFalse(cache.stats().get("a").loaded());
        assertEquals(1, cache.stats().get("a").evictions());
        assertFalse(a.closed, "a is still leased");
        assertEquals(60, leaseOnA.model().memoryBytes());
        leaseOnA.close();
        assertTrue(a.closed);
        assertFalse(b.closed);
        assertEquals(60, cache.memoryBytes());
    }

    @Test
    void aFailedLoadReachesEveryWaiterAndIsRetried() {
        ManualLoader loader = new ManualLoader();
        ModelCache<FakeModel> cache = new ModelCache<>(loader, 100);
        List<Exception> failures = new ArrayList<>();
        cache.acquire("m", ActionListener.wrap(lease -> { }, failures::add));
        cache.acquire("m", ActionListener.wrap(lease -> { }, failures::add));
        loader.fail("m", new IllegalStateException("registry unreachable"));
        assertEquals(2, failures.size());
        assertEquals(1, cache.stats().get("m").loadFailures());

        cache.acquire("m", ActionListener.wrap(ModelLease::close, e -> { }));
        assertEquals(2, loader.calls.get());
        loader.complete("m", new FakeModel("m", 1));
        assertTrue(cache.stats().get("m").loaded());
    }

    @Test
    void requestsForModelsThatDoNotExistLeaveNoStats() {
        ManualLoader loader = new ManualLoader();
        ModelCache<FakeModel> cache = new ModelCache<>(loader, 100);
        List<Exception> failures = new ArrayList<>();
        cache.acquire("typo", ActionListener.wrap(lease -> { }, failures::add));
        loader.fail("typo", new ResourceNotFoundException("model [typo] is not registered"));
        assertEquals(1, failures.size());
        assertNull(cache.stats().get("typo"));
    }

    @Test
    void aLoaderThatThrowsIsAFailedLoad() {
        ModelCache<FakeModel> cache = new ModelCache<>((id, listener) -> {
            throw new IllegalArgumentException("boom");
        }, 100);
        AtomicReference<Exception> failure = new AtomicReference<>();
        cache.acquire("m", ActionListener.wrap(lease -> { }, failure::set));
        assertEquals("boom", failure.get().getMessage());
    }

    @Test
    void invalidateDropsTheModelAndClosesItWhenUnleased() {
        ManualLoader loader = new ManualLoader();
        ModelCache<FakeModel> cache = new ModelCache<>(loader, 100);
        cache.acquire("m", ActionListener.wrap(ModelLease::close, e -> { }));
        FakeModel model = new FakeModel("m", 5);
        loader.complete("m", model);
        cache.invalidate("m");
        assertTrue(model.closed);
        assertFalse(cache.stats().get("m").loaded());
        cache.invalidate("never-loaded");
        assertNull(cache.stats().get("never-loaded"));
    }

    @Test
    void aModelInvalidatedWhileLoadingServesItsWaitersButIsNotCached() {
        ManualLoader loader = new ManualLoader();
        ModelCache<FakeModel> cache = new ModelCache<>(loader, 100);
        List<ModelLease<FakeModel>> leases = new ArrayList<>();
        cache.acquire("m", ActionListener.wrap(leases::add, e -> {
            throw new AssertionError(e);
        }));
        cache.invalidate("m");
        FakeModel deleted = new FakeModel("m", 5);
        loader.complete("m", deleted);
        assertEquals(1, leases.size());
        assertSame(deleted, leases.get(0).model());
        assertFalse(cache.stats().get("m").loaded());
        assertFalse(deleted.closed, "still leased");
        leases.get(0).close();
        assertTrue(deleted.closed);

        cache.acquire("m", ActionListener.wrap(ModelLease::close, e -> { }));
        assertEquals(2, loader.calls.get(), "the next request loads the model again");
        FakeModel reuploaded = new FakeModel("m", 5);
        loader.complete("m", reuploaded);
        assertTrue(cache.stats().get("m").loaded());
        assertFalse(reuploaded.closed);
    }

    @Test
    void clearClosesEveryModelOnceItsLeasesEnd() {
        ModelCache<FakeModel> cache = new ModelCache<>((id, listener) -> listener.onResponse(new FakeModel(id, 1)), 10);
        acquireNow(cache, "a").close();
        ModelLease<FakeModel> leased = acquireNow(cache, "b");
        FakeModel a = acquireNow(cache, "a").model();
        cache.clear();
        assertEquals(0, cache.memoryBytes());
        assertFalse(leased.model().closed);
        leased.close();
        assertTrue(leased.model().closed);
        assertFalse(a.closed, "a's second lease is still open");
    }

    @Test
    void aLoadInFlightWhenTheCacheIsClearedIsNotCached() {
        ManualLoader loader = new ManualLoader();
        ModelCache<FakeModel> cache = new ModelCache<>(loader, 100);
        List<ModelLease<FakeModel>> leases = new ArrayList<>();
        cache.acquire("m", ActionListener.wrap(leases::add, e -> {
            throw new AssertionError(e);
        }));
        cache.clear();
        FakeModel fromDeletedRegistry = new FakeModel("m", 5);
        loader.complete("m", fromDeletedRegistry);
        assertEquals(1, leases.size());
        assertFalse(cache.stats().get("m").loaded());
        leases.get(0).close();
        assertTrue(fromDeletedRegistry.closed);
    }

    @Test
    void leasesCannotBeReleasedTwice() {
        ModelCache<FakeModel> cache = new ModelCache<>((id, listener) -> listener.onResponse(new FakeModel(id, 1)), 10);
        ModelLease<FakeModel> lease = acquireNow(cache, "m");
        lease.close();
        assertThrows(IllegalStateException.class, lease::close);
        assertThrows(IllegalArgumentException.class, () -> new ModelCache<FakeModel>((id, l) -> { }, 0));
    }

    @Test
    void manyThreadsAcquiringAndEvictingNeverUseAClosedModel() throws InterruptedException {
        ModelCache<FakeModel> cache = new ModelCache<>((id, listener) -> listener.onResponse(new FakeModel(id, 40)), 100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger closedUses = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(4000);
        for (int i = 0; i < 4000; i++) {
            String id = "m" + (i % 5);
            pool.execute(() -> cache.acquire(id, ActionListener.wrap(lease -> {
                if (lease.model().closed) {
                    closedUses.incrementAndGet();
                }
                lease.close();
                done.countDown();
            }, e -> done.countDown())));
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        pool.shutdown();
        assertEquals(0, closedUses.get());
        assertTrue(cache.memoryBytes() <= 100);
    }
}
