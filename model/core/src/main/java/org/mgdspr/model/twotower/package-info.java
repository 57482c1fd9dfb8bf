/**
 * The model facade: {@link org.mgdspr.model.twotower.TwoTowerModel} (both towers, as trained and saved), and the
 * separately loadable {@link org.mgdspr.model.twotower.UserTower} (serving) and
 * {@link org.mgdspr.model.twotower.ItemTower} (ingest). Training itself is {@code org.mgdspr.model.train}.
 */
package org.mgdspr.model.twotower;
