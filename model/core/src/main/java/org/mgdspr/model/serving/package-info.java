/**
 * The serving forward of both towers over plain float arrays: at load the trained DJL blocks are compiled
 * ({@link org.mgdspr.model.serving.UserTowerCompiler}, {@link org.mgdspr.model.serving.FastItemTower#compile}) into
 * one small class per block (dense and layer-norm layers, self-attention, Transformer layer, LSTM, query unit,
 * zero-slot attention, long-term pooling, fusion) that reads the embedding tables in place. A query then costs
 * its arithmetic instead of hundreds of engine calls; padded positions are skipped rather than masked. DJL stays
 * the training engine and the reference the equivalence tests compare against.
 */
package org.mgdspr.model.serving;
