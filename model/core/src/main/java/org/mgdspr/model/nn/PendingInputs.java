package org.mgdspr.model.nn;

/**
 * Embedded block inputs whose lookups were requested but wait for {@link SparseLookup#materialize()}.
 *
 * @param <T> the tower's input record
 */
@FunctionalInterface
public interface PendingInputs<T extends TowerInput> {

    /** The dense inputs; call only after the lookup is materialized. */
    T resolve();
}
