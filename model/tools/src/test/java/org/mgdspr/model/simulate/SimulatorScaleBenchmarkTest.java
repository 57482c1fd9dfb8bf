package org.mgdspr.model.simulate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mgdspr.model.data.SearchRequest;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Time and retained heap of the simulator at growing catalog sizes. Opt-in because the 1 M item world takes
 * minutes on two cores: {@code -Dmgdspr.bench.items=10000,100000,1000000}.
 */
@EnabledIfSystemProperty(named = "mgdspr.bench.items", matches = "[0-9,]+")
class SimulatorScaleBenchmarkTest {

    @Test
    void reportsTimeAndHeapPerCatalogSize() {
        int[] sizes = Arrays.stream(System.getProperty("mgdspr.bench.items").split(","))
            .mapToInt(Integer::parseInt).toArray();
        for (int items : sizes) {
            System.gc();
            long before = usedHeap();
            long t0 = System.nanoTime();
            SimulatedLog log = new WorldSimulator(SimulationConfig.scaled(items, 42)).generate();
            long t1 = System.nanoTime();
            System.gc();
            long retained = usedHeap() - before;
            long contexts = 0;
            int sample = Math.min(10_000, log.requestCount());
            long t2 = System.nanoTime();
            for (int i = 0; i < sample; i++) {
                SearchRequest request = log.request((int) ((long) i * log.requestCount() / sample));
                contexts += request.context().shortTerm().size();
            }
            long t3 = System.nanoTime();
            TasteBias bias = TasteBias.measure(log);
            System.out.printf("simulator %,d items, %,d users, %,d brands: %,d requests (%,d test), generated in %.1f s, "
                    + "retained heap %,d MB, request materialisation %.1f us/request (avg short-term %.1f)%n  %s%n",
                items, log.userCount(), log.world().brandCount(), log.requestCount(),
                log.requestCount() - log.firstTestRequest(), (t1 - t0) / 1e9, retained >> 20,
                (t3 - t2) / 1e3 / sample, contexts / (double) sample, bias);
            assertTrue(log.requestCount() > 0);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
