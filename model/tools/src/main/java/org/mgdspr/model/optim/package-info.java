/** AdaGrad with global-norm clipping, dense for block parameters and row-sparse for embedding tables. */
package org.mgdspr.model.optim;
