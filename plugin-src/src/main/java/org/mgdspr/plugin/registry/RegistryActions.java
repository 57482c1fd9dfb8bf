package org.mgdspr.plugin.registry;

import org.opensearch.action.ActionType;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;

/**
 * The transport actions of the model registry, the only way into its system index. A security plugin restricts
 * the registry by these names (README, "Model registry").
 */
public final class RegistryActions {

    public static final ActionType<AcknowledgedResponse> PUT_CHUNK =
        new ActionType<>("cluster:admin/mgdspr/model/chunk", AcknowledgedResponse::new);
    public static final ActionType<ModelsResponse> COMMIT =
        new ActionType<>("cluster:admin/mgdspr/model/commit", ModelsResponse::new);
    public static final ActionType<ModelsResponse> GET =
        new ActionType<>("cluster:admin/mgdspr/model/get", ModelsResponse::new);
    public static final ActionType<DeleteModelResponse> DELETE =
        new ActionType<>("cluster:admin/mgdspr/model/delete", DeleteModelResponse::new);
    /** Internal: sent by commit and delete, with the plugin's own context, to the cluster manager. */
    public static final ActionType<AcknowledgedResponse> UPDATE_COMMITTED =
        new ActionType<>("cluster:admin/mgdspr/model/committed", AcknowledgedResponse::new);

    private RegistryActions() {}
}
