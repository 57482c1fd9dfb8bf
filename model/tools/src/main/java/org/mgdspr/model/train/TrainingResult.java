package org.mgdspr.model.train;

import com.google.gson.JsonObject;

import org.mgdspr.model.spelling.CatalogVocabulary;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.Objects;

/**
 * What a training run produced. The caller owns (and closes) the model.
 *
 * @param model              the best model by validation recall (the last one without a validation slice)
 * @param curve              loss and validation recall per evaluation
 * @param bestStep           step of the returned parameters
 * @param bestRecall         validation Recall@K of the returned parameters (NaN without a validation slice)
 * @param trainExamples      examples per epoch
 * @param validationRequests requests held out for validation
 * @param consumedExamples   examples actually trained on (all epochs, until early stopping)
 * @param trainSeconds       wall-clock seconds spent in training steps and their input encoding
 * @param stoppedEarly       whether early stopping ended the run before the last epoch
 * @param skippedSteps       batches dropped because their gradient was not finite
 * @param fusionFit          the fusion with BM25 fitted on the validation requests (null without them)
 * @param brandBoostFit      the brand boost's weight fitted on the validation requests (null without them, or when
 *                           neither their contexts nor the catalog name brands)
 * @param spellingVocabulary the vocabulary the model's queries were spelling-corrected towards (null when the
 *                           features do not ask for it); it belongs in the artifact with the model
 */
public record TrainingResult(
    TwoTowerModel model,
    TrainingCurve curve,
    long bestStep,
    double bestRecall,
    int trainExamples,
    int validationRequests,
    long consumedExamples,
    double trainSeconds,
    boolean stoppedEarly,
    int skippedSteps,
    FusionFitter.Fit fusionFit,
    BrandBoostFitter.Fit brandBoostFit,
    CatalogVocabulary spellingVocabulary) {

    public TrainingResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(curve, "curve");
    }

    public TrainingResult withFusionFit(FusionFitter.Fit fit) {
        return new TrainingResult(model, curve, bestStep, bestRecall, trainExamples, validationRequests,
            consumedExamples, trainSeconds, stoppedEarly, skippedSteps, fit, brandBoostFit, spellingVocabulary);
    }

    public TrainingResult withBrandBoostFit(BrandBoostFitter.Fit fit) {
        return new TrainingResult(model, curve, bestStep, bestRecall, trainExamples, validationRequests,
            consumedExamples, trainSeconds, stoppedEarly, skippedSteps, fusionFit, fit, spellingVocabulary);
    }

    /** Training throughput, evaluations excluded. */
    public double examplesPerSecond() {
        return trainSeconds > 0 ? consumedExamples / trainSeconds : 0;
    }

    /** Everything but the model, for reports and the artifact. */
    public JsonObject summaryJson() {
        JsonObject json = new JsonObject();
        json.addProperty("best_step", bestStep);
        if (!Double.isNaN(bestRecall)) {
            json.addProperty("best_validation_recall", bestRecall);
        }
        json.addProperty("train_examples", trainExamples);
        json.addProperty("validation_requests", validationRequests);
        json.addProperty("consumed_examples", consumedExamples);
        json.addProperty("train_seconds", trainSeconds);
        json.addProperty("examples_per_second", examplesPerSecond());
        json.addProperty("stopped_early", stoppedEarly);
        json.addProperty("skipped_steps", skippedSteps);
        json.add("curve", curve.toJson());
        if (fusionFit != null) {
            json.add("fusion_fit", fusionFit.toJson());
        }
        if (brandBoostFit != null) {
            json.add("brand_boost_fit", brandBoostFit.toJson());
        }
        return json;
    }
}
