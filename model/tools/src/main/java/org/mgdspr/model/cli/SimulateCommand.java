package org.mgdspr.model.cli;

import org.mgdspr.model.data.Dataset;
import org.mgdspr.model.data.JsonLinesFormat;
import org.mgdspr.model.data.SearchRequest;
import org.mgdspr.model.simulate.SimulatedLog;
import org.mgdspr.model.simulate.SimulationConfig;
import org.mgdspr.model.simulate.WorldSimulator;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code mgdspr simulate}: generates a simulated shop and writes it as a JSON-lines dataset directory. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Mgdspr.Version.class,
    description = "generate a simulated world and write products/train/test/labels JSON-lines files")
final class SimulateCommand implements Callable<Integer> {

    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Option(names = "--size", paramLabel = "<name>", completionCandidates = DatasetOptions.SimulationSizes.class,
        description = "tiny | small | medium | large (500 / 5k / 50k / 500k items; default tiny)")
    private String size;

    @Option(names = "--world-seed", paramLabel = "<n>", description = "seed of the world (default 1)")
    private long worldSeed = 1;

    @Option(names = "--out", paramLabel = "<dir>", required = true, description = "directory to write (required)")
    private Path dir;

    SimulateCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        SimulationConfig config = DatasetOptions.simulation(spec, size, worldSeed);
        SimulatedLog log = new WorldSimulator(config).generate();
        Dataset dataset = log.dataset();
        JsonLinesFormat.writeDataset(dir, dataset);
        // the simulator's labels are rules over the whole catalog; write them for the test queries only
        Set<String> queries = new LinkedHashSet<>();
        for (SearchRequest request : dataset.test()) {
            queries.add(request.query());
        }
        JsonLinesFormat.writeLabels(dir.resolve(JsonLinesFormat.LABELS_FILE), dataset.labels(), queries);
        streams.out().printf("wrote %s: %d products, %d train and %d test requests, labels for %d test queries%n", dir,
            dataset.catalog().size(), dataset.train().size(), dataset.test().size(), queries.size());
        return Mgdspr.OK;
    }
}
