/**
 * Training: {@link org.mgdspr.model.train.Trainer} turns a dataset's train requests into (request, clicked or bought
 * item) examples, holds out a seeded validation slice, runs {@link org.mgdspr.model.train.TwoTowerTraining} steps
 * over seeded shuffles with uniform random negatives, evaluates validation Recall@K, stops early and returns the
 * best parameters with the training curve.
 */
package org.mgdspr.model.train;
