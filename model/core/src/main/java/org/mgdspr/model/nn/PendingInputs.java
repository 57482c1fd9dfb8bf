package org.mgdspr.model.nn;

import ai.djl.ndarray.NDList;

/** Embedded block inputs whose lookups were requested but wait for {@link SparseLookup#materialize()}. */
@FunctionalInterface
public interface PendingInputs {

    /** The dense inputs; call only after the lookup is materialized. */
    NDList resolve();
}
