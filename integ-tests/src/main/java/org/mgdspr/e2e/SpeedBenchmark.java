package org.mgdspr.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Query latency and throughput of prepared request bodies, from one or several concurrent clients. */
final class SpeedBenchmark {

    private final Consumer<String> search;

    /** @param search sends one search request body and waits for its response */
    SpeedBenchmark(Consumer<String> search) {
        this.search = search;
    }

    /** Runs every body once per round, shared among {@code clients} threads, after one unmeasured warm-up round. */
    LatencyStats run(List<String> bodies, int clients, int rounds) throws Exception {
        bodies.forEach(search);
        long[] nanos = new long[bodies.size() * rounds];
        long wall = timeTurn(bodies, clients, rounds, nanos, 0);
        return LatencyStats.of(nanos, wall / 1e9);
    }

    /**
     * Times several systems side by side, so that a change of the machine's load during the run reaches all of them
     * alike; the bodies of each system are the same queries in the same order. After one unmeasured round of every
     * body, one client runs query by query, each query's bodies in an order of the systems that rotates from query
     * to query; several clients run one system's round at a time, the systems in alternating order from round to
     * round, and each system's throughput counts the wall time of its own turns only.
     */
    <K> Map<K, LatencyStats> compare(Map<K, List<String>> bodies, int clients, int rounds) throws Exception {
        List<K> systems = new ArrayList<>(bodies.keySet());
        int queries = bodies.get(systems.get(0)).size();
        for (K system : systems) {
            if (bodies.get(system).size() != queries) {
                throw new IllegalArgumentException("every system needs the same " + queries + " queries, " + system
                    + " has " + bodies.get(system).size());
            }
        }
        systems.forEach(system -> bodies.get(system).forEach(search));
        Map<K, long[]> nanos = new LinkedHashMap<>();
        Map<K, Long> wall = new LinkedHashMap<>();
        systems.forEach(system -> {
            nanos.put(system, new long[queries * rounds]);
            wall.put(system, 0L);
        });
        if (clients == 1) {
            for (int round = 0; round < rounds; round++) {
                for (int query = 0; query < queries; query++) {
                    int turn = round * queries + query;
                    for (int s = 0; s < systems.size(); s++) {
                        K system = systems.get((turn + s) % systems.size());
                        long start = System.nanoTime();
                        search.accept(bodies.get(system).get(query));
                        long took = System.nanoTime() - start;
                        nanos.get(system)[turn] = took;
                        wall.merge(system, took, Long::sum);
                    }
                }
            }
        } else {
            for (int round = 0; round < rounds; round++) {
                List<K> order = new ArrayList<>(systems);
                if (round % 2 == 1) {
                    Collections.reverse(order);
                }
                for (K system : order) {
                    long took = timeTurn(bodies.get(system), clients, 1, nanos.get(system), round * queries);
                    wall.merge(system, took, Long::sum);
                }
            }
        }
        Map<K, LatencyStats> stats = new LinkedHashMap<>();
        systems.forEach(system -> stats.put(system, LatencyStats.of(nanos.get(system), wall.get(system) / 1e9)));
        return stats;
    }

    /**
     * Runs the bodies {@code rounds} times, shared among {@code clients} threads, each latency into
     * {@code nanos[at + i]}; returns the wall time in nanoseconds.
     */
    private long timeTurn(List<String> bodies, int clients, int rounds, long[] nanos, int at) throws Exception {
        int total = bodies.size() * rounds;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        long t0 = System.nanoTime();
                        search.accept(bodies.get(i % bodies.size()));
                        nanos[at + i] = System.nanoTime() - t0;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return System.nanoTime() - start;
        } finally {
            pool.shutdownNow();
        }
    }
}
