package org.mgdspr.model.config;

/**
 * The training objective (paper §3.4).
 *
 * @param type                 {@code "softmax"} (sampled softmax over shared random negatives) or
 *                             {@code "pairwise_hinge"} (the MGDSPR-Pairwise baseline of Fig. 5)
 * @param temperature          tau dividing every logit (paper: 2)
 * @param randomNegatives      size of the random negative set shared by the whole batch
 * @param hardNegatives        N: top-scored random negatives mixed toward the positive (paper: 684; 0 = off)
 * @param alphaMin             a of alpha ~ U(a, b) (paper: 0.4)
 * @param alphaMax             b of alpha ~ U(a, b) (paper: 0.6)
 * @param hingeMargin          margin of the pairwise hinge baseline
 * @param removeAccidentalHits mask a random negative that equals the example's own positive
 * @param inBatchNegatives     the batch's other positives are negatives too (softmax only); a positive with the
 *                             example's own item id is always masked. Off in the paper, which samples only from
 *                             the catalog
 */
public record LossConfig(
    String type,
    double temperature,
    int randomNegatives,
    int hardNegatives,
    double alphaMin,
    double alphaMax,
    double hingeMargin,
    boolean removeAccidentalHits,
    boolean inBatchNegatives) {

    public static final String SOFTMAX = "softmax";
    public static final String PAIRWISE_HINGE = "pairwise_hinge";

    public LossConfig {
        ConfigChecks.requireOneOf("loss.type", type, SOFTMAX, PAIRWISE_HINGE);
        ConfigChecks.requirePositive("loss.temperature", temperature);
        ConfigChecks.requireAtLeast("loss.random_negatives", randomNegatives, 1);
        ConfigChecks.requireAtLeast("loss.hard_negatives", hardNegatives, 0);
        if (hardNegatives > randomNegatives) {
            throw new IllegalArgumentException("loss.hard_negatives (" + hardNegatives
                + ") cannot exceed loss.random_negatives (" + randomNegatives + "): they are picked from that set");
        }
        ConfigChecks.requireInRange("loss.alpha_min", alphaMin, 0, 1);
        ConfigChecks.requireInRange("loss.alpha_max", alphaMax, 0, 1);
        if (alphaMin >= alphaMax) {
            throw new IllegalArgumentException(
                "loss.alpha_min (" + alphaMin + ") must be smaller than loss.alpha_max (" + alphaMax + ")");
        }
        ConfigChecks.requireInRange("loss.hinge_margin", hingeMargin, 0, Double.MAX_VALUE);
        if (inBatchNegatives && !SOFTMAX.equals(type)) {
            throw new IllegalArgumentException("loss.in_batch_negatives needs loss.type [" + SOFTMAX + "], got ["
                + type + "]");
        }
    }
}
