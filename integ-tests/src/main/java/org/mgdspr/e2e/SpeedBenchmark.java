package org.mgdspr.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Query latency and throughput of prepared request bodies, from one or several concurrent clients. */
final class SpeedBenchmark {

    private final Searcher searcher;

    SpeedBenchmark(Searcher searcher) {
        this.searcher = searcher;
    }

    /** Runs every body once per round, shared among {@code clients} threads, after one unmeasured warm-up round. */
    LatencyStats run(List<String> bodies, int clients, int rounds) throws Exception {
        bodies.forEach(searcher::ids);
        int total = bodies.size() * rounds;
        long[] nanos = new long[total];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        searcher.ids(bodies.get(i % bodies.size()));
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return LatencyStats.of(nanos, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
