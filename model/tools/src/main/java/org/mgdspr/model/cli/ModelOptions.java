package org.mgdspr.model.cli;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TrainConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The options that choose the model config, and the thread count of the run. */
final class ModelOptions {

    /**
     * The default for Home Depot when neither --preset nor --config is given: the small preset without the
     * behaviour inputs (the data has no users, they would only see padding), titles carrying the item vectors (item
     * id dropout 0.5; the small preset shares the word vocabulary) and a learning rate that converges in a few
     * epochs (validation recall was still rising after 3 epochs at the preset's 0.1), with dense accumulators starting
     * at 0.1, since the preset's 0.001 would make the first steps of that learning rate far too large. Same as
     * {@code results/model/homedepot-small-long.json}.
     */
    static final String HOMEDEPOT_DEFAULT = """
        {"preset": "small",
         "tower": {"use_real_time": false, "use_short_term": false, "use_long_term": false,
                   "use_query_history": false, "item_id_dropout": 0.5},
         "train": {"learning_rate": 0.5, "initial_accumulator": 0.1, "epochs": 12, "early_stopping_patience": 2}}
        """;

    private ModelOptions() {}

    static List<Option> options() {
        return List.of(
            Option.value("preset", "name", "config preset: small | paper (default small; for --dataset homedepot the "
                + "small preset without behaviour inputs, item_id_dropout 0.5, lr 0.5, 12 epochs, patience 2)"),
            Option.value("config", "file", "JSON config (may name a preset and override any key); excludes --preset"),
            Option.value("epochs", "n", "maximum epochs (default from the config)"),
            Option.value("batch-size", "n", "examples per step (default from the config)"),
            Option.value("seed", "n", "seed of initialisation, shuffling and sampling (default from the config)"),
            Option.value("eval-every", "steps", "validation every N steps, 0 = every epoch (default from the config)"),
            Option.value("patience", "n", "early-stopping patience in evaluations, 0 = off (default from the config)"));
    }

    /** @param dataset the {@code --dataset} kind, which picks the default config */
    static ModelConfig config(Arguments arguments, String dataset) {
        if (arguments.has("preset") && arguments.has("config")) {
            throw new UsageException("give either --preset or --config, not both");
        }
        ModelConfig config;
        try {
            if (arguments.has("config")) {
                Path file = arguments.existingFile("config");
                config = ModelConfig.fromJson(Files.readString(file));
            } else if (!arguments.has("preset") && DatasetOptions.HOMEDEPOT.equals(dataset)) {
                config = ModelConfig.fromJson(HOMEDEPOT_DEFAULT);
            } else {
                config = ModelConfig.preset(arguments.choice("preset", "small", ModelConfig.PRESETS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        TrainConfig t = config.train();
        try {
            return config.with(new TrainConfig(
                arguments.integer("batch-size", t.batchSize(), 1),
                arguments.integer("epochs", t.epochs(), 1),
                t.optimizer(), t.learningRate(), t.initialAccumulator(), t.embeddingInitialAccumulator(), t.clipNorm(),
                arguments.longValue("seed", t.seed()),
                arguments.integer("eval-every", t.evalEverySteps(), 0),
                arguments.integer("patience", t.earlyStoppingPatience(), 0)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static Option threadsOption() {
        return Option.value("threads", "n", "PyTorch intra-op threads and the encoding pool size (default: 1 PyTorch "
            + "thread, encoding on all cores; more PyTorch threads spin-wait on a busy machine)");
    }

    /** Must run before the PyTorch engine starts and before the common fork-join pool is first used. */
    static void applyThreads(Arguments arguments) {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (!arguments.has("threads")) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            return;
        }
        String threads = Integer.toString(arguments.integer("threads", 0, 1));
        System.setProperty("ai.djl.pytorch.num_threads", threads);
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", threads);
    }
}
