package org.mgdspr.model.nn;

import ai.djl.ndarray.NDList;

/**
 * The typed dense input of a tower block. DJL blocks take an {@link NDList}; each input record converts to it and
 * back in one place ({@link #toNDList()} and the record's {@code from}), so no caller indexes the list.
 */
public interface TowerInput {

    NDList toNDList();
}
