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

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code mgdspr train}: trains on a dataset's train requests and writes a model artifact. */
final class TrainCommand implements Command {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public String summary() {
        return "train a model on a dataset's train split and write the model artifact (zip)";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(DatasetOptions.options());
        options.addAll(ModelOptions.options());
        options.add(Option.value("out", "model.zip", "artifact to write (required)"));
        options.add(Option.value("validation-fraction", "x",
            "share of train requests held out for validation and early stopping (default 0.1)"));
        options.add(Option.value("validation-max", "n", "at most this many validation requests (default 2000)"));
        options.add(Option.value("validation-k", "k", "K of the validation Recall@K (default 100)"));
        options.add(Option.value("checkpoint-dir", "dir", "save the model here after every evaluation"));
        options.addAll(TeacherOptions.trainOptions());
        options.add(ModelOptions.threadsOption());
        return options;
    }

    @Override
    public int run(Arguments arguments, PrintStream out, PrintStream err) throws Exception {
        ModelOptions.applyThreads(arguments);
        Path target = arguments.path("out");
        String dataset = arguments.choice("dataset", null, DatasetOptions.KINDS);
        ModelConfig config = ModelOptions.config(arguments, dataset);
        double fraction = arguments.number("validation-fraction", 0.1);
        if (!(fraction >= 0 && fraction < 1)) {
            throw new UsageException("option --validation-fraction must be in [0, 1) but was " + fraction);
        }
        TrainOptions options = TrainOptions.defaults()
            .withValidation(fraction, arguments.integer("validation-max", 2000, 0),
                arguments.integer("validation-k", 100, 1))
            .withProgress(err)
            .withCheckpointDir(arguments.has("checkpoint-dir") ? arguments.path("checkpoint-dir") : null);
        LoadedData data = DatasetOptions.load(arguments);
        TrainingResult result;
        try (TeacherOptions teacher = TeacherOptions.forTraining(arguments, dataset)) {
            result = new Trainer(config, teacher == null ? options : options.withTeacher(teacher.guidance(arguments)))
                .train(data.dataset());
        }
        try (var model = result.model()) {
            KeyTermLexicon lexicon = CatalogKeyTerms.lexicon(data.dataset().catalog(), config.features().language());
            JsonObject training = result.summaryJson();
            training.add("data", data.description());
            MgdsprArtifact artifact = MgdsprArtifact.pack(model, lexicon, training,
                result.fusionFit() == null ? null : result.fusionFit().spec());
            artifact.write(target);
            // the SHA-256 of the file is what the cluster's model registry checks on upload
            out.printf(Locale.ROOT, "wrote %s (sha256 %s): %d examples/epoch, %.0f examples/s, best step %d%s%n",
                target, ModelArtifact.sha256(Files.readAllBytes(target)), result.trainExamples(), result.examplesPerSecond(), result.bestStep(),
                Double.isNaN(result.bestRecall()) ? ""
                    : String.format(Locale.ROOT, ", validation recall@%d %.4f", options.validationK(),
                        result.bestRecall()));
        }
        return 0;
    }
}
