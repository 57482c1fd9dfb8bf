package org.mgdspr.model.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Central finite differences in float64 against autograd. With step 1e-6 the truncation error is O(1e-12) and the
 * rounding error O(1e-16 / 1e-6) = O(1e-10) relative to the O(1) loss, so 1e-7 absolute is a safe bound that a
 * wrong derivative (errors of order 1e-2 and up) cannot pass.
 */
class LossGradientTest {

    private static final double STEP = 1e-6;
    private static final double TOLERANCE = 1e-7;
    private static final int B = 3;
    private static final int D = 4;
    private static final int N = 6;
    private static final int H = 3;

    @Test
    void sampledSoftmaxWithTemperatureAndMixedHardNegatives() {
        checkGradients(new SampledSoftmaxLoss(2.0, H), true);
    }

    @Test
    void sampledSoftmaxWithoutHardNegatives() {
        checkGradients(new SampledSoftmaxLoss(0.5, 0), false);
    }

    @Test
    void pairwiseHinge() {
        checkGradients(new PairwiseHingeLoss(0.3), false);
    }

    @Test
    void softmaxMatchesTheClosedFormOnAHandComputedCase() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray u = m.create(new double[] {1, 0}, new Shape(1, 2));
            NDArray positive = m.create(new double[] {2, 0}, new Shape(1, 2));
            NDArray negatives = m.create(new double[] {1, 0, 0, 1, 2, 0}, new Shape(3, 2));
            NDArray hits = m.create(new double[] {0, 0, 1}, new Shape(1, 3));
            NDArray alpha = m.create(new double[] {0.5}, new Shape(1, 1));
            double loss = new SampledSoftmaxLoss(2.0, 1)
                .loss(new LossInputs(u, positive, negatives, hits, alpha, null)).getDouble();
            // l+ = 2, l- = {1, 0, excluded}, hardest = 1, l_mix = 0.5 * 2 + 0.5 * 1 = 1.5; all over tau = 2
            double expected = -1 + Math.log(Math.exp(1) + Math.exp(0.5) + Math.exp(0) + Math.exp(0.75));
            assertEquals(expected, loss, 1e-12);
        }
    }

    @Test
    void softmaxOnUnitVectorsWithASmallTemperatureMatchesAHandComputedCase() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // unit vectors, so every score is a cosine (TowerTest checks that tower.l2_normalize gives them)
            NDArray u = m.create(new double[] {0.6, 0.8}, new Shape(1, 2));
            NDArray positive = m.create(new double[] {0.8, 0.6}, new Shape(1, 2));
            NDArray negatives = m.create(new double[] {1, 0, 0, -1}, new Shape(2, 2));
            NDArray hits = m.zeros(new Shape(1, 2), DataType.FLOAT64);
            double loss = new SampledSoftmaxLoss(0.05, 0)
                .loss(new LossInputs(u, positive, negatives, hits, null, null)).getDouble();
            // cos+ = 0.96, cos- = {0.6, -0.8}; over tau = 0.05: 19.2 against {12, -16}
            double expected = -19.2 + Math.log(Math.exp(19.2) + Math.exp(12) + Math.exp(-16));
            assertEquals(expected, loss, 1e-9);
        }
    }

    @Test
    void inBatchNegativesExcludeTheExamplesOwnItemAndItsDuplicates() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray u = m.create(new double[] {1, 0, 0, 1, 1, 1}, new Shape(3, 2));
            // examples 0 and 2 clicked the same item: neither may count it as the other's negative
            NDArray positives = m.create(new double[] {2, 0, 0, 3, 2, 0}, new Shape(3, 2));
            NDArray negatives = m.create(new double[] {1, 1}, new Shape(1, 2));
            NDArray hits = m.zeros(new Shape(3, 1), DataType.FLOAT64);
            NDArray sameItem = m.create(new double[] {1, 0, 1, 0, 1, 0, 1, 0, 1}, new Shape(3, 3));
            double loss = new SampledSoftmaxLoss(1.0, 0)
                .loss(new LossInputs(u, positives, negatives, hits, null, sameItem)).getDouble();
            // example 0: l+ = 2, in-batch {example 1: 0}, random {1}
            double first = -2 + Math.log(Math.exp(2) + Math.exp(0) + Math.exp(1));
            // example 1: l+ = 3, in-batch {example 0: 0, example 2: 0}, random {1}
            double second = -3 + Math.log(Math.exp(3) + 2 * Math.exp(0) + Math.exp(1));
            // example 2: l+ = 2, in-batch {example 1: 3}, random {2}
            double third = -2 + Math.log(Math.exp(2) + Math.exp(3) + Math.exp(2));
            assertEquals((first + second + third) / 3, loss, 1e-9);
        }
    }

    @Test
    void softmaxGradientsWithInBatchNegatives() {
        Random random = new Random(7);
        double[] users = gaussian(random, B * D);
        double[] positives = gaussian(random, B * D);
        double[] negatives = gaussian(random, N * D);
        double[] sameItem = new double[B * B];
        for (int b = 0; b < B; b++) {
            sameItem[b * B + b] = 1;
        }
        sameItem[0 * B + 1] = 1;
        sameItem[1 * B + 0] = 1;
        SampledSoftmaxLoss loss = new SampledSoftmaxLoss(0.7, H);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            double[] alpha = new double[B * H];
            Arrays.fill(alpha, 0.5);
            Function<double[], Double> evaluate = p -> loss.loss(new LossInputs(m.create(users, new Shape(B, D)),
                m.create(p, new Shape(B, D)), m.create(negatives, new Shape(N, D)),
                m.zeros(new Shape(B, N), DataType.FLOAT64), m.create(alpha, new Shape(B, H)),
                m.create(sameItem, new Shape(B, B)))).getDouble();
            NDArray p = m.create(positives, new Shape(B, D));
            p.setRequiresGradient(true);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                collector.backward(loss.loss(new LossInputs(m.create(users, new Shape(B, D)), p,
                    m.create(negatives, new Shape(N, D)), m.zeros(new Shape(B, N), DataType.FLOAT64),
                    m.create(alpha, new Shape(B, H)), m.create(sameItem, new Shape(B, B)))));
            }
            double[] analytic = p.getGradient().toDoubleArray();
            for (int i = 0; i < positives.length; i++) {
                double saved = positives[i];
                positives[i] = saved + STEP;
                double plus = evaluate.apply(positives);
                positives[i] = saved - STEP;
                double minus = evaluate.apply(positives);
                positives[i] = saved;
                assertEquals((plus - minus) / (2 * STEP), analytic[i], TOLERANCE, "positive element " + i);
            }
        }
    }

    private static void checkGradients(RetrievalLoss loss, boolean withAlpha) {
        Random random = new Random(42);
        double[] users = gaussian(random, B * D);
        double[] positives = gaussian(random, B * D);
        double[] negatives = gaussian(random, N * D);
        double[] hits = new double[B * N];
        hits[1 * N + 4] = 1;
        double[] alpha = new double[B * H];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = 0.4 + 0.2 * random.nextDouble();
        }
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Function<double[][], Double> evaluate = values -> loss.loss(inputs(m, values[0], values[1], values[2], hits,
                withAlpha ? alpha : null)).getDouble();
            NDArray u = m.create(users, new Shape(B, D));
            NDArray p = m.create(positives, new Shape(B, D));
            NDArray n = m.create(negatives, new Shape(N, D));
            for (NDArray array : new NDArray[] {u, p, n}) {
                array.setRequiresGradient(true);
            }
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray value = loss.loss(new LossInputs(u, p, n, m.create(hits, new Shape(B, N)),
                    withAlpha ? m.create(alpha, new Shape(B, H)) : null, null));
                assertEquals(DataType.FLOAT64, value.getDataType());
                collector.backward(value);
            }
            double[][] analytic = {u.getGradient().toDoubleArray(), p.getGradient().toDoubleArray(),
                n.getGradient().toDoubleArray()};
            double[][] point = {users, positives, negatives};
            boolean negativesMatter = false;
            for (int which = 0; which < 3; which++) {
                for (int i = 0; i < point[which].length; i++) {
                    double saved = point[which][i];
                    point[which][i] = saved + STEP;
                    double plus = evaluate.apply(point);
                    point[which][i] = saved - STEP;
                    double minus = evaluate.apply(point);
                    point[which][i] = saved;
                    double numeric = (plus - minus) / (2 * STEP);
                    assertEquals(numeric, analytic[which][i], TOLERANCE, "input " + which + " element " + i);
                    negativesMatter |= which == 2 && Math.abs(numeric) > 1e-3;
                }
            }
            assertTrue(negativesMatter, "the check exercised non-trivial negative gradients");
        }
    }

    private static LossInputs inputs(NDManager m, double[] u, double[] p, double[] n, double[] hits, double[] alpha) {
        return new LossInputs(m.create(u, new Shape(B, D)), m.create(p, new Shape(B, D)), m.create(n, new Shape(N, D)),
            m.create(hits, new Shape(B, N)), alpha == null ? null : m.create(alpha, new Shape(B, H)), null);
    }

    private static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
