package org.mgdspr.model.cli;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.config.TrainConfig;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;

/** The options that choose the model config. */
final class ModelOptions {

    /**
     * The default for Home Depot when neither --preset nor --config is given, a recipe the data argues for (the
     * ablations in {@code results/model/README.md}): the small preset at width 256 without the behaviour inputs (the
     * data has no users), without the multi-granular unit, the fusion layer and the projections after the query and
     * title means (on about 30 k judged pairs they overfit; without them query and title vectors are means in one
     * word space), titles as their words without trigrams and without item ids (nearly every test product is cold),
     * unit vectors scored as cosines over a temperature of 0.05 against in-batch and 4,096 uniform negatives, and
     * Adam. Width 256 rather than the preset's 64: with the teacher, width 128 is what reaches nDCG@10 0.30 alone,
     * and 256 passes BM25's recall@100. Query words no title uses are spelling-corrected towards the titles' words
     * (about one test query in seven has one). Same as {@code results/model/recipe/dim-256-spelling.json}.
     */
    static final String HOMEDEPOT_DEFAULT = """
        {"preset": "small",
         "features": {"title_subwords": false, "spelling_correction": true},
         "tower": {"use_real_time": false, "use_short_term": false, "use_long_term": false,
                   "use_query_history": false, "multi_granular": false, "trm_fusion": false,
                   "sum_projection": false, "title_projection": false, "item_id_dropout": 1.0,
                   "l2_normalize": true, "dim": 256, "item_id_dim": 224, "ffn_dim": 256},
         "loss": {"temperature": 0.05, "random_negatives": 4096, "hard_negatives": 0, "in_batch_negatives": true},
         "train": {"optimizer": "adam", "learning_rate": 0.01, "batch_size": 256, "epochs": 6,
                   "early_stopping_patience": 2}}
        """;


    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--preset", paramLabel = "<name>", completionCandidates = Presets.class,
        description = "config preset: small | paper (default small; for --dataset homedepot the recipe of "
            + "results/model/recipe/dim-256-spelling.json: width 256, cosine scores, in-batch negatives, Adam, "
            + "query spelling corrected towards the titles' words)")
    private String preset;

    @Option(names = "--config", paramLabel = "<file>",
        description = "JSON config (may name a preset and override any key); excludes --preset")
    private Path configFile;

    @Option(names = "--epochs", paramLabel = "<n>", description = "maximum epochs (default from the config)")
    private Integer epochs;

    @Option(names = "--batch-size", paramLabel = "<n>", description = "examples per step (default from the config)")
    private Integer batchSize;

    @Option(names = "--seed", paramLabel = "<n>",
        description = "seed of initialisation, shuffling and sampling (default from the config)")
    private Long seed;

    @Option(names = "--eval-every", paramLabel = "<steps>",
        description = "validation every N steps, 0 = every epoch (default from the config)")
    private Integer evalEvery;

    @Option(names = "--patience", paramLabel = "<n>",
        description = "early-stopping patience in evaluations, 0 = off (default from the config)")
    private Integer patience;

    /** @param dataset the {@code --dataset} kind, which picks the default config */
    ModelConfig config(String dataset) {
        if (preset != null && configFile != null) {
            throw Usage.error(spec, "give either --preset or --config, not both");
        }
        ModelConfig config;
        try {
            if (configFile != null) {
                config = ModelConfig.fromJson(Files.readString(Usage.existingFile(spec, "--config", configFile)));
            } else if (preset == null && DatasetOptions.HOMEDEPOT.equals(dataset)) {
                config = ModelConfig.fromJson(HOMEDEPOT_DEFAULT);
            } else {
                config = ModelConfig.preset(Usage.choice(spec, "--preset", preset, "small", ModelConfig.PRESETS));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
        TrainConfig t = config.train();
        try {
            return config.with(new TrainConfig(
                orDefault("--batch-size", batchSize, t.batchSize(), 1),
                orDefault("--epochs", epochs, t.epochs(), 1),
                t.optimizer(), t.learningRate(), t.initialAccumulator(), t.embeddingInitialAccumulator(), t.clipNorm(),
                seed == null ? t.seed() : seed,
                orDefault("--eval-every", evalEvery, t.evalEverySteps(), 0),
                orDefault("--patience", patience, t.earlyStoppingPatience(), 0)));
        } catch (IllegalArgumentException e) {
            throw Usage.error(spec, e.getMessage());
        }
    }

    private int orDefault(String option, Integer value, int fromConfig, int min) {
        return value == null ? fromConfig : Usage.atLeast(spec, option, value, min);
    }

    /** Completion candidates of {@code --preset}. */
    static final class Presets extends ArrayList<String> {
        Presets() {
            super(ModelConfig.PRESETS);
        }
    }
}
