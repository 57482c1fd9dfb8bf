/**
 * Strings to tower inputs, shared by training and the OpenSearch plugin: deterministic hashing
 * ({@link org.mgdspr.model.features.FeatureHasher}), multi-granular tokenization
 * ({@link org.mgdspr.model.features.MultiGranularTokenizer}), the encoder
 * ({@link org.mgdspr.model.features.FeatureEncoder}) and the relevance-control key terms
 * ({@link org.mgdspr.model.features.KeyTermLexicon}). See {@code model/docs/features.md}.
 */
package org.mgdspr.model.features;
