/**
 * The model facade: {@link org.mgdspr.model.twotower.TwoTowerModel} for training, and the separately loadable
 * {@link org.mgdspr.model.twotower.UserTower} (serving) and {@link org.mgdspr.model.twotower.ItemTower} (ingest).
 */
package org.mgdspr.model.twotower;
