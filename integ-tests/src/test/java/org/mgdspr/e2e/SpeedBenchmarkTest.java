package org.mgdspr.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The order in which the side-by-side timing sends the systems' searches, and what each system's figures count. */
class SpeedBenchmarkTest {

    private final List<String> sent = Collections.synchronizedList(new ArrayList<>());
    private final SpeedBenchmark benchmark = new SpeedBenchmark(sent::add);

    @Test
    void oneClientRotatesTheSystemsFromQueryToQuery() throws Exception {
        Map<String, LatencyStats> stats = benchmark.compare(bodies(2), 1, 1);

        assertEquals(List.of("a0", "a1", "b0", "b1", "c0", "c1"), sent.subList(0, 6), "one unmeasured round first");
        assertEquals(List.of("a0", "b0", "c0", "b1", "c1", "a1"), sent.subList(6, 12));
        stats.values().forEach(system -> assertEquals(2, system.requests()));
        assertEquals(List.of("a", "b", "c"), List.copyOf(stats.keySet()));
    }

    @Test
    void severalClientsRunOneSystemAtATimeInAlternatingOrder() throws Exception {
        Map<String, LatencyStats> stats = benchmark.compare(bodies(3), 2, 2);

        List<String> measured = sent.subList(9, sent.size());
        assertEquals(18, measured.size());
        List<Character> turns = new ArrayList<>();
        for (int i = 0; i < measured.size(); i += 3) {
            char system = measured.get(i).charAt(0);
            for (String body : measured.subList(i, i + 3)) {
                assertEquals(system, body.charAt(0), "a turn runs one system's bodies only: " + measured);
            }
            turns.add(system);
        }
        assertEquals(List.of('a', 'b', 'c', 'c', 'b', 'a'), turns);
        stats.values().forEach(system -> assertEquals(6, system.requests()));
    }

    @Test
    void everySystemMustTimeTheSameQueries() {
        Map<String, List<String>> bodies = bodies(2);
        bodies.put("d", List.of("d0"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> benchmark.compare(bodies, 1, 1));
        assertEquals("every system needs the same 2 queries, d has 1", e.getMessage());
        assertEquals(List.of(), sent, "nothing is sent before the bodies are checked");
    }

    private static Map<String, List<String>> bodies(int queries) {
        Map<String, List<String>> bodies = new LinkedHashMap<>();
        for (String system : List.of("a", "b", "c")) {
            List<String> list = new ArrayList<>();
            for (int q = 0; q < queries; q++) {
                list.add(system + q);
            }
            bodies.put(system, list);
        }
        return bodies;
    }
}
