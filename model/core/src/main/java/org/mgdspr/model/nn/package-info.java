/**
 * The MGDSPR towers as DJL blocks, and the row-sparse embedding machinery in front of them.
 *
 * <p>Pipeline of one forward pass: {@link org.mgdspr.model.nn.UserBatcher} / {@link org.mgdspr.model.nn.ItemBatcher}
 * stack encoded records into int64 id tensors ({@link org.mgdspr.model.nn.UserIds} /
 * {@link org.mgdspr.model.nn.ItemIds}); {@link org.mgdspr.model.nn.UserEmbedder} /
 * {@link org.mgdspr.model.nn.ItemEmbedder} request their rows from a {@link org.mgdspr.model.nn.SparseLookup}, which
 * reads the distinct rows of each table once and answers each request with a leaf tensor of its own (the rows of its
 * ids, or for titles their mean), whose gradients it sums back per distinct row; the blocks
 * ({@link org.mgdspr.model.nn.MgdsprUserTowerBlock}, {@link org.mgdspr.model.nn.AlphaDnnUserTowerBlock},
 * {@link org.mgdspr.model.nn.ItemTowerBlock}) are purely dense and consume the typed inputs
 * {@link org.mgdspr.model.nn.UserTowerInput} / {@link org.mgdspr.model.nn.ItemTowerInput}, which convert to and from
 * DJL's {@code NDList} only at the block boundary.
 */
package org.mgdspr.model.nn;
