package org.mgdspr.plugin.stats;

import org.opensearch.action.ActionType;

/** Starts the DJL engine on the selected nodes (if not yet started) and answers with their stats. */
public class LoadEngineAction extends ActionType<MgdsprNodesResponse> {

    public static final String NAME = "cluster:admin/mgdspr/engine/load";
    public static final LoadEngineAction INSTANCE = new LoadEngineAction();

    private LoadEngineAction() {
        super(NAME, MgdsprNodesResponse::new);
    }
}
