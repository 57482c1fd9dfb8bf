/** Training objectives: sampled softmax with temperature and mixed hard negatives, and the pairwise hinge baseline. */
package org.mgdspr.model.loss;
