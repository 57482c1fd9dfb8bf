package org.mgdspr.model.config;

/**
 * Optimisation settings (paper §5.2: AdaGrad, lr 0.1, clip at gradient norm 3, batch 256).
 *
 * @param batchSize                 examples per step
 * @param epochs                    maximum passes over the training examples
 * @param optimizer                 {@code "adagrad"} (the paper's) or {@code "adam"} (moments only for the rows a
 *                                  step touched, like TensorFlow's lazy Adam); both clip the global norm first
 * @param learningRate              learning rate of the optimizer
 * @param initialAccumulator        AdaGrad only: accumulator start value of dense weights (TensorFlow's default 0.1)
 * @param embeddingInitialAccumulator AdaGrad only: accumulator start value of embedding rows. Row gradients are small
 *                                  (about 1e-4 per coordinate) and sparse, so a start value like 0.1 turns AdaGrad
 *                                  into SGD with a tiny step and embeddings barely move in a short run; dense
 *                                  weights, in turn, diverge from a tiny start value.
 * @param clipNorm                  global gradient-norm clip
 * @param seed                      seed of every random choice, so runs are deterministic
 * @param evalEverySteps            steps between validation evaluations (0 = once per epoch)
 * @param earlyStoppingPatience     evaluations without improvement before training stops (0 = never)
 */
public record TrainConfig(
    int batchSize,
    int epochs,
    String optimizer,
    double learningRate,
    double initialAccumulator,
    double embeddingInitialAccumulator,
    double clipNorm,
    long seed,
    int evalEverySteps,
    int earlyStoppingPatience) {

    public static final String ADAGRAD = "adagrad";
    public static final String ADAM = "adam";

    public TrainConfig {
        ConfigChecks.requireAtLeast("train.batch_size", batchSize, 1);
        ConfigChecks.requireAtLeast("train.epochs", epochs, 1);
        ConfigChecks.requireOneOf("train.optimizer", optimizer, ADAGRAD, ADAM);
        ConfigChecks.requirePositive("train.learning_rate", learningRate);
        ConfigChecks.requireInRange("train.initial_accumulator", initialAccumulator, 0, Double.MAX_VALUE);
        ConfigChecks.requireInRange("train.embedding_initial_accumulator", embeddingInitialAccumulator, 0,
            Double.MAX_VALUE);
        ConfigChecks.requirePositive("train.clip_norm", clipNorm);
        ConfigChecks.requireAtLeast("train.eval_every_steps", evalEverySteps, 0);
        ConfigChecks.requireAtLeast("train.early_stopping_patience", earlyStoppingPatience, 0);
    }
}
