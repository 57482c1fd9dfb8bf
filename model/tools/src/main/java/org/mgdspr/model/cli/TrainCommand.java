package org.mgdspr.model.cli;

import com.google.gson.JsonObject;

import org.mgdspr.model.artifact.MgdsprArtifact;
import org.mgdspr.model.artifact.ModelArtifact;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.data.CatalogKeyTerms;
import org.mgdspr.model.features.KeyTermLexicon;
import org.mgdspr.model.train.TrainOptions;
import org.mgdspr.model.train.Trainer;
import org.mgdspr.model.train.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code mgdspr train}: trains on a dataset's train requests and writes a model artifact. */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Mgdspr.Version.class,
    description = "train a model on a dataset's train split and write the model artifact (zip)")
final class TrainCommand implements Callable<Integer> {

    private final Streams streams;

    @Spec
    private CommandSpec spec;

    @Mixin
    private DatasetOptions data;

    @Mixin
    private ModelOptions model;

    @Option(names = "--out", paramLabel = "<model.zip>", required = true, description = "artifact to write (required)")
    private Path target;

    @Option(names = "--validation-fraction", paramLabel = "<x>",
        description = "share of train requests held out for validation and early stopping (default 0.1)")
    private double validationFraction = 0.1;

    @Option(names = "--validation-max", paramLabel = "<n>",
        description = "at most this many validation requests (default 2000)")
    private int validationMax = 2000;

    @Option(names = "--validation-k", paramLabel = "<k>", description = "K of the validation Recall@K (default 100)")
    private int validationK = 100;

    @Option(names = "--checkpoint-dir", paramLabel = "<dir>", description = "save the model here after every evaluation")
    private Path checkpointDir;

    @Mixin
    private TrainingTeacherOptions teacherOptions;

    @Mixin
    private ThreadOptions threads;

    TrainCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() throws Exception {
        int trainingThreads = threads.applyForTraining();
        String dataset = data.kind();
        ModelConfig config = model.config(dataset);
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw Usage.error(spec, "option --validation-fraction must be in [0, 1) but was " + validationFraction);
        }
        TrainOptions options = TrainOptions.defaults()
            .withValidation(validationFraction, Usage.atLeast(spec, "--validation-max", validationMax, 0),
                Usage.atLeast(spec, "--validation-k", validationK, 1))
            .withProgress(streams.err())
            .withCheckpointDir(checkpointDir)
            .withThreads(trainingThreads);
        LoadedData loaded = data.load();
        options = options.withGainOffset(loaded.gainOffset());
        TrainingResult result;
        try (TeacherOptions teacher = teacherOptions.open(dataset)) {
            result = new Trainer(config, teacher == null ? options : options.withTeacher(teacherOptions.guidance(teacher)))
                .train(loaded.dataset());
        }
        try (var trained = result.model()) {
            KeyTermLexicon lexicon = CatalogKeyTerms.lexicon(loaded.dataset().catalog(), config.features().language());
            JsonObject training = result.summaryJson();
            training.add("data", loaded.description());
            MgdsprArtifact artifact = MgdsprArtifact.pack(trained, lexicon, result.spellingVocabulary(), training,
                result.fusionFit() == null ? null : result.fusionFit().spec(),
                result.brandBoostFit() == null ? null : result.brandBoostFit().weight());
            artifact.write(target);
            // the SHA-256 of the file is what the cluster's model registry checks on upload
            streams.out().printf(Locale.ROOT, "wrote %s (sha256 %s): %d examples/epoch, %.0f examples/s, best step %d%s%n",
                target, ModelArtifact.sha256(Files.readAllBytes(target)), result.trainExamples(), result.examplesPerSecond(), result.bestStep(),
                Double.isNaN(result.bestRecall()) ? ""
                    : String.format(Locale.ROOT, ", validation recall@%d %.4f", options.validationK(),
                        result.bestRecall()));
        }
        return Mgdspr.OK;
    }
}
