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
     * The default for Home Depot when neither --preset nor --config is given, a recipe the data argues for (the
     * ablations in {@code results/model/README.md}): the small preset at width 128 without the behaviour inputs (the
     * data has no users), without the multi-granular unit, the fusion layer and the projections after the query and
     * title means (on about 30 k judged pairs they overfit; without them query and title vectors are means in one
     * word space), titles as their words without trigrams and without item ids (nearly every test product is cold),
     * unit vectors scored as cosines over a temperature of 0.05 against in-batch and 4,096 uniform negatives, and
     * Adam. Width 128 rather than the preset's 64: with the teacher it is what reaches nDCG@10 0.30 alone. Same as
     * {@code results/model/recipe/dim-128.json}.
     */
    static final String HOMEDEPOT_DEFAULT = """
        {"preset": "small",
         "features": {"title_subwords": false},
         "tower": {"use_real_time": false, "use_short_term": false, "use_long_term": false,
                   "use_query_history": false, "multi_granular": false, "trm_fusion": false,
                   "sum_projection": false, "title_projection": false, "item_id_dropout": 1.0,
                   "l2_normalize": true, "dim": 128, "item_id_dim": 96, "ffn_dim": 256},
         "loss": {"temperature": 0.05, "random_negatives": 4096, "hard_negatives": 0, "in_batch_negatives": true},
         "train": {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 256, "epochs": 6,
                   "early_stopping_patience": 2}}
        """;


    private ModelOptions() {}

    static List<Option> options() {
        return List.of(
            Option.value("preset", "name", "config preset: small | paper (default small; for --dataset homedepot the "
                + "recipe of results/model/recipe/dim-128.json: width 128, cosine scores, in-batch negatives, Adam)"),
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
            + "thread, encoding on all cores; more threads need OMP_WAIT_POLICY=PASSIVE, which bin/mgdspr sets)");
    }

    /** Must run before the PyTorch engine starts and before the common fork-join pool is first used. */
    static void applyThreads(Arguments arguments) {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (!arguments.has("threads")) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            return;
        }
        int count = arguments.integer("threads", 0, 1);
        if (count > 1 && System.getenv("OMP_WAIT_POLICY") == null) {
            System.err.println("warning: OMP_WAIT_POLICY is not set, so PyTorch's " + count + " threads spin-wait "
                + "between operations and training may run many times slower than on one thread; "
                + "set OMP_WAIT_POLICY=PASSIVE (bin/mgdspr does)");
        }
        String threads = Integer.toString(count);
        System.setProperty("ai.djl.pytorch.num_threads", threads);
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", threads);
    }
}
