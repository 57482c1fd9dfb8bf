package org.mgdspr.plugin.registry;

import org.opensearch.action.ActionType;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;

/** The transport actions of the model registry. */
public final class RegistryActions {

    public static final ActionType<AcknowledgedResponse> PUT_CHUNK =
        new ActionType<>("cluster:admin/mgdspr/model/chunk", AcknowledgedResponse::new);
    public static final ActionType<ModelsResponse> COMMIT =
        new ActionType<>("cluster:admin/mgdspr/model/commit", ModelsResponse::new);
    public static final ActionType<ModelsResponse> GET =
        new ActionType<>("cluster:admin/mgdspr/model/get", ModelsResponse::new);
    public static final ActionType<AcknowledgedResponse> DELETE =
        new ActionType<>("cluster:admin/mgdspr/model/delete", AcknowledgedResponse::new);

    private RegistryActions() {}
}
