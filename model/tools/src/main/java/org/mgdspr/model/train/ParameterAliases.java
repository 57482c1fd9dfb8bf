package org.mgdspr.model.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * For each of some parameters a leaf of its own over the parameter's storage (no copy). A forward pass that reads
 * the parameters through {@link #store()} accumulates its gradients in these leaves instead of in the parameters,
 * so passes on several threads can back-propagate at the same time, and their gradients are then summed in an
 * order the caller chooses.
 */
final class ParameterAliases {

    private final Map<Parameter, NDArray> aliases = new IdentityHashMap<>();
    private final ParameterStore store;

    /** Creates the leaves in {@code manager}, which must outlive every use of them. */
    ParameterAliases(NDManager manager, List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            NDArray alias = parameter.getArray().stopGradient();
            alias.attach(manager);
            alias.setRequiresGradient(true);
            aliases.put(parameter, alias);
        }
        this.store = new ParameterStore(manager, false) {
            @Override
            public NDArray getValue(Parameter parameter, Device device, boolean training) {
                NDArray alias = aliases.get(parameter);
                if (alias == null) {
                    throw new IllegalStateException("parameter [" + parameter.getName() + "] has no alias");
                }
                return alias;
            }
        };
    }

    /** The store through which a pass reads the aliases. */
    ParameterStore store() {
        return store;
    }

    /**
     * Adds to {@code gradient}, in place, the gradient that the alias of {@code parameter} accumulated, if it has an
     * alias. In place, because {@code gradient} is normally the parameter's own, which the optimizer zeroes after
     * the update.
     */
    void addGradientTo(Parameter parameter, NDArray gradient) {
        NDArray alias = aliases.get(parameter);
        if (alias != null) {
            gradient.addi(alias.getGradient());
        }
    }
}
