/**
 * Optimizers with global-norm clipping (AdaGrad, the paper's; Adam), dense for block parameters and row-sparse for
 * embedding tables.
 */
package org.mgdspr.model.optim;
