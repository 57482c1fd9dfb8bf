package org.mgdspr.model.train;

import org.junit.jupiter.api.Test;
import org.mgdspr.model.config.FeatureConfig;
import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.testing.Fixtures;
import org.mgdspr.model.twotower.TwoTowerModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Training a step's users in parts on several threads ({@link TwoTowerTraining} with threads above one). */
class UserPartsTest {

    private static final int STEPS = 3;

    /** Trained with and without the teacher's distillation step, each on a few steps of the same batches. */
    private record Trained(float[] losses, float[] distillLosses, float[][] users, float[][] items) {}

    /**
     * Without dropout the parts compute the whole batch's gradients up to the order of float sums. The optimizer is
     * plain gradient descent in effect (AdaGrad whose accumulators start far above any squared gradient), because the
     * preset's AdaGrad moves a row it meets for the first time by the learning rate times the sign of its gradient,
     * which turns a rounding difference in a near-zero gradient into a full step.
     */
    @Test
    void partsWithoutDropoutTrainAsTheWholeBatchDoes() {
        String json = Fixtures.tiny("\"lstm_dropout\": 0.0, \"attention_dropout\": 0.0", "").toJson();
        String linear = json.replace("\"learning_rate\": 0.1", "\"learning_rate\": 1.0")
            .replace("\"initial_accumulator\": 0.001", "\"initial_accumulator\": 100.0")
            .replace("\"embedding_initial_accumulator\": 1.0E-4", "\"embedding_initial_accumulator\": 100.0");
        for (String setting : List.of("\"learning_rate\": 1.0", "\"initial_accumulator\": 100.0",
            "\"embedding_initial_accumulator\": 100.0")) {
            assertTrue(linear.contains(setting), setting + " reached the config: " + linear);
        }
        ModelConfig config = ModelConfig.fromJson(linear);
        Trained whole = train(config, 1);
        for (int threads : new int[] {2, 3}) {
            Trained parts = train(config, threads);
            for (int step = 0; step < STEPS; step++) {
                assertEquals(whole.losses()[step], parts.losses()[step], 1e-4,
                    threads + " parts, step " + step + ": the loss of the whole batch");
                assertEquals(whole.distillLosses()[step], parts.distillLosses()[step], 1e-4,
                    threads + " parts, distillation step " + step);
            }
            double users = maxDifference(whole.users(), parts.users());
            double items = maxDifference(whole.items(), parts.items());
            assertTrue(users < 1e-4 && items < 1e-4, threads + " parts end where the whole batch ends: largest "
                + "difference " + users + " in the user vectors, " + items + " in the item vectors");
        }
    }

    @Test
    void partsWithDropoutAreReproducible() {
        ModelConfig config = Fixtures.tiny("\"lstm_dropout\": 0.3, \"attention_dropout\": 0.3", "");
        for (int threads : new int[] {2, 3}) {
            Trained first = train(config, threads);
            Trained second = train(config, threads);
            assertArrayEquals(first.losses(), second.losses(), threads + " parts");
            assertArrayEquals(first.distillLosses(), second.distillLosses(), threads + " parts");
            assertArrayEquals(first.users(), second.users(), threads + " parts");
            assertArrayEquals(first.items(), second.items(), threads + " parts");
        }
    }

    @Test
    void rejectsFewerThanOneThread() {
        try (TwoTowerModel model = TwoTowerModel.create(Fixtures.tiny())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TwoTowerTraining(model, 0));
            assertTrue(e.getMessage().contains("threads"), e.getMessage());
        }
    }

    private static Trained train(ModelConfig config, int threads) {
        FeatureConfig f = config.features();
        Random random = new Random(5);
        List<EncodedUser> users = Fixtures.users(f, random, 7);
        List<EncodedItem> items = Fixtures.items(f, random, 30);
        List<TrainingExample> batch = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            batch.add(new TrainingExample(users.get(i), items.get(i)));
        }
        float[][] titleTargets = unitTargets(random, 5, config.tower().dim());
        float[][] queryTargets = unitTargets(random, users.size(), config.tower().dim());
        float[] losses = new float[STEPS];
        float[] distillLosses = new float[STEPS];
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model, threads)) {
            for (int step = 0; step < STEPS; step++) {
                losses[step] = training.step(batch, items.subList(7, 30));
                distillLosses[step] = training.distill(items.subList(0, 5), titleTargets, users, queryTargets);
            }
            return new Trained(losses, distillLosses, model.embedUsers(users), model.embedItems(items));
        }
    }

    private static float[][] unitTargets(Random random, int count, int dim) {
        float[][] targets = new float[count][dim];
        for (float[] target : targets) {
            double norm = 0;
            for (int i = 0; i < dim; i++) {
                target[i] = (float) random.nextGaussian();
                norm += target[i] * target[i];
            }
            for (int i = 0; i < dim; i++) {
                target[i] /= (float) Math.sqrt(norm);
            }
        }
        return targets;
    }

    private static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
