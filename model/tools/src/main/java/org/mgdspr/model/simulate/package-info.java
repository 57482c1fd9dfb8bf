/**
 * A deterministic simulated shop and search log with ground truth (latent user taste, query intents, item
 * attributes), so personalization, the softmax temperature and hard negatives each have something to learn.
 * Entry point: {@link org.mgdspr.model.simulate.WorldSimulator}.
 */
package org.mgdspr.model.simulate;
