package org.mgdspr.model.train;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The loss and validation recall at every evaluation of a training run, in order. */
public final class TrainingCurve {

    /**
     * One evaluation.
     *
     * @param step             optimisation steps done
     * @param epoch            1-based epoch the evaluation happened in
     * @param examples         training examples consumed so far
     * @param meanLoss         mean batch loss since the previous evaluation
     * @param validationRecall validation Recall@K (NaN without a validation slice)
     * @param seconds          wall-clock training seconds so far, evaluations excluded
     */
    public record Point(long step, int epoch, long examples, double meanLoss, double validationRecall,
                        double seconds) {}

    private final int validationK;
    private final List<Point> points = new ArrayList<>();

    public TrainingCurve(int validationK) {
        this.validationK = validationK;
    }

    void add(Point point) {
        points.add(point);
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    public int validationK() {
        return validationK;
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("validation_k", validationK);
        JsonArray array = new JsonArray();
        for (Point point : points) {
            JsonObject entry = new JsonObject();
            entry.addProperty("step", point.step());
            entry.addProperty("epoch", point.epoch());
            entry.addProperty("examples", point.examples());
            entry.addProperty("mean_loss", point.meanLoss());
            if (!Double.isNaN(point.validationRecall())) {
                entry.addProperty("validation_recall", point.validationRecall());
            }
            entry.addProperty("seconds", point.seconds());
            array.add(entry);
        }
        json.add("points", array);
        return json;
    }

    /** Reads {@link #toJson()} back (the artifact carries the curve so a later report can plot it). */
    public static TrainingCurve fromJson(JsonObject json) {
        TrainingCurve curve = new TrainingCurve(json.get("validation_k").getAsInt());
        for (var element : json.getAsJsonArray("points")) {
            JsonObject entry = element.getAsJsonObject();
            curve.add(new Point(entry.get("step").getAsLong(), entry.get("epoch").getAsInt(),
                entry.get("examples").getAsLong(), entry.get("mean_loss").getAsDouble(),
                entry.has("validation_recall") ? entry.get("validation_recall").getAsDouble() : Double.NaN,
                entry.get("seconds").getAsDouble()));
        }
        return curve;
    }
}
