package org.mgdspr.model.train;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LossSwitchTest {

    private static final FeatureConfig F = Fixtures.tiny().features();

    @Test
    void everyLossSwitchChangesTheFirstStepLoss() {
        float base = firstLoss(Fixtures.tiny("\"attention_dropout\": 0, \"lstm_dropout\": 0", ""));
        for (String flip : List.of("\"temperature\": 1.0", "\"hard_negatives\": 0", "\"alpha_min\": 0.1",
            "\"remove_accidental_hits\": false", "\"type\": \"pairwise_hinge\"")) {
            float changed = firstLoss(Fixtures.tiny("\"attention_dropout\": 0, \"lstm_dropout\": 0", flip));
            assertNotEquals(base, changed, flip + " left the loss at " + base);
        }
    }

    @Test
    void itemIdDropoutChangesTraining() {
        String noDropout = "\"attention_dropout\": 0, \"lstm_dropout\": 0";
        assertNotEquals(secondLoss(Fixtures.tiny(noDropout, "")),
            secondLoss(Fixtures.tiny(noDropout + ", \"item_id_dropout\": 0.5", "")));
    }

    @Test
    void stepsAndInferenceLeaveNoArraysBehind() {
        ModelConfig config = Fixtures.tiny();
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            Batch batch = batch(new Random(5));
            training.step(batch.examples, batch.negatives);
            int live = liveArrays();
            for (int i = 0; i < 3; i++) {
                training.step(batch.examples, batch.negatives);
                model.embedUsers(batch.examples.stream().map(TrainingExample::user).toList());
                model.embedItems(batch.negatives);
            }
            assertEquals(live, liveArrays());
        }
    }

    /** Arrays held anywhere under the engine's system manager, which parents every base manager. */
    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager("PyTorch")) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    private static float firstLoss(ModelConfig config) {
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            Batch batch = batch(new Random(1));
            return training.step(batch.examples, batch.negatives);
        }
    }

    private static float secondLoss(ModelConfig config) {
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            Batch batch = batch(new Random(2));
            training.step(batch.examples, batch.negatives);
            return training.step(batch.examples, batch.negatives);
        }
    }

    private record Batch(List<TrainingExample> examples, List<EncodedItem> negatives) {}

    /** Half of the negatives are positives of the batch, so accidental hits occur. */
    private static Batch batch(Random random) {
        List<TrainingExample> examples = new ArrayList<>();
        List<EncodedItem> negatives = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            EncodedItem clicked = Fixtures.item(F, random);
            examples.add(new TrainingExample(Fixtures.user(F, random), clicked));
            negatives.add(clicked);
        }
        negatives.addAll(Fixtures.items(F, random, 16));
        return new Batch(examples, negatives);
    }
}
