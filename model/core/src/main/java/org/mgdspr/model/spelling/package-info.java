/**
 * Query spelling correction towards the words of the training catalog's titles: the vocabulary a model carries
 * and the corrector its feature encoder applies to query words before they are embedded.
 */
package org.mgdspr.model.spelling;
