package org.mgdspr.e2e;

import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.HomeDepotLoader;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.eval.Segment;
import org.mgdspr.model.simulate.SimulatedLog;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The data of an end-to-end run, loaded exactly as {@code mgdspr train} loads it for the same options, so the model
 * the node serves was trained on this data's train split and is judged on its test split.
 *
 * @param gainOffset subtracted from relevance grades for nDCG (1 for Home Depot's 1..3 grades)
 * @param log        the simulated log, or {@code null} for Home Depot
 */
record ShopData(String description, Dataset dataset, double gainOffset, SimulatedLog log,
                Map<String, Segment> segments) {

    /** The world {@code mgdspr train --dataset simulated --size SIZE --world-seed SEED} trains on. */
    static ShopData simulated(String size, long seed) {
        return simulated(SimulationConfig.ofSize(size, seed));
    }

    static ShopData simulated(SimulationConfig config) {
        long seed = config.seed();
        SimulatedLog log = new WorldSimulator(config).generate();
        Predicate<SearchRequest> ambiguous = request -> log.isAmbiguous(SimulatedLog.requestIndex(request.requestId()));
        Map<String, Segment> segments = new LinkedHashMap<>();
        segments.put("ambiguous", Segment.ofRequests(ambiguous));
        segments.put("specific", Segment.ofRequests(ambiguous.negate()));
        return new ShopData("simulated world: " + config.items() + " items, " + config.users() + " users, seed " + seed,
            log.dataset(), 0.0, log, segments);
    }

    static ShopData homeDepot(Path judgments, Path products) {
        Dataset dataset = new HomeDepotLoader(0.2, "").load(judgments, products);
        return new ShopData("Home Depot: " + dataset.catalog().size() + " products, judged queries (20% test split)",
            dataset, 1.0, null, Map.of());
    }
}
