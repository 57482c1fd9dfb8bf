package org.mgdspr.model.cli;

import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.JsonLinesFormat;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.simulate.SimulatedLog;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code mgdspr simulate}: generates a simulated shop and writes it as a JSON-lines dataset directory. */
final class SimulateCommand implements Command {

    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String summary() {
        return "generate a simulated world and write products/train/test/labels JSON-lines files";
    }

    @Override
    public List<Option> options() {
        return List.of(
            Option.value("size", "name", "tiny | small | medium | large (500 / 5k / 50k / 500k items; default tiny)"),
            Option.value("world-seed", "n", "seed of the world (default 1)"),
            Option.value("out", "dir", "directory to write (required)"));
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) {
        Path dir = arguments.path("out");
        SimulationConfig config = DatasetOptions.simulation(arguments);
        SimulatedLog log = new WorldSimulator(config).generate();
        Dataset dataset = log.dataset();
        JsonLinesFormat.writeDataset(dir, dataset);
        // the simulator's labels are rules over the whole catalog; write them for the test queries only
        Set<String> queries = new LinkedHashSet<>();
        for (SearchRequest request : dataset.test()) {
            queries.add(request.query());
        }
        JsonLinesFormat.writeLabels(dir.resolve(JsonLinesFormat.LABELS_FILE), dataset.labels(), queries);
        out.printf("wrote %s: %d products, %d train and %d test requests, labels for %d test queries%n", dir,
            dataset.catalog().size(), dataset.train().size(), dataset.test().size(), queries.size());
        return 0;
    }
}
