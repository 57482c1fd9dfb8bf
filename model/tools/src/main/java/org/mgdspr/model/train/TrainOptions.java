package org.mgdspr.model.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Trainer settings that are not part of the model: how the validation slice is cut, what it measures, where
 * progress and checkpoints go. Optimisation settings live in {@code ModelConfig.train()}.
 *
 * @param validationFraction     share of the train requests (with at least one target) held out for validation
 * @param maxValidationRequests  cap on the validation slice so an evaluation stays cheap on large logs
 * @param validationK            the K of the validation Recall@K that early stopping watches
 * @param checkpointDir          a directory that receives the model after every evaluation, or null for none
 * @param progress               where the progress bar goes (normally {@code System.err}), or null for silence
 * @param teacher                a pretrained teacher that initialises and distils the towers first, or null
 * @param threads                how many parts of each step's users go through the user tower at once, one thread
 *                               each ({@link TwoTowerTraining}); meant for one PyTorch intra-op thread
 * @param gainOffset             subtracted from the dataset's graded labels to get the nDCG gains with which the
 *                               fits after training judge the validation requests, as {@code mgdspr eval} does
 */
public record TrainOptions(
    double validationFraction,
    int maxValidationRequests,
    int validationK,
    Path checkpointDir,
    PrintStream progress,
    TeacherGuidance teacher,
    int threads,
    double gainOffset) {

    public TrainOptions {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1) but was " + validationFraction);
        }
        if (maxValidationRequests < 0) {
            throw new IllegalArgumentException("maxValidationRequests must be >= 0 but was " + maxValidationRequests);
        }
        if (validationK < 1) {
            throw new IllegalArgumentException("validationK must be >= 1 but was " + validationK);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1 but was " + threads);
        }
        if (!Double.isFinite(gainOffset)) {
            throw new IllegalArgumentException("gainOffset must be finite but was " + gainOffset);
        }
    }

    /**
     * 10 % of the train requests (at most 2,000) held out, Recall@100, progress on stderr, no checkpoints, no teacher,
     * one thread, graded labels taken as gains.
     */
    public static TrainOptions defaults() {
        return new TrainOptions(0.1, 2000, 100, null, System.err, null, 1, 0);
    }

    public TrainOptions withProgress(PrintStream newProgress) {
        return new TrainOptions(validationFraction, maxValidationRequests, validationK, checkpointDir, newProgress,
            teacher, threads, gainOffset);
    }

    public TrainOptions withCheckpointDir(Path newCheckpointDir) {
        return new TrainOptions(validationFraction, maxValidationRequests, validationK, newCheckpointDir, progress,
            teacher, threads, gainOffset);
    }

    public TrainOptions withValidation(double newFraction, int newMax, int newK) {
        return new TrainOptions(newFraction, newMax, newK, checkpointDir, progress, teacher, threads, gainOffset);
    }

    public TrainOptions withTeacher(TeacherGuidance newTeacher) {
        return new TrainOptions(validationFraction, maxValidationRequests, validationK, checkpointDir, progress,
            newTeacher, threads, gainOffset);
    }

    public TrainOptions withThreads(int newThreads) {
        return new TrainOptions(validationFraction, maxValidationRequests, validationK, checkpointDir, progress,
            teacher, newThreads, gainOffset);
    }

    public TrainOptions withGainOffset(double newGainOffset) {
        return new TrainOptions(validationFraction, maxValidationRequests, validationK, checkpointDir, progress,
            teacher, threads, newGainOffset);
    }

    /** Progress stream, never null: a sink when progress is off. */
    PrintStream progressOrSink() {
        return progress == null ? new PrintStream(OutputStream.nullOutputStream()) : progress;
    }
}
