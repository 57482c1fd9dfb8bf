package org.mgdspr.plugin.stats;

import org.opensearch.action.ActionType;

/** Reports versions, engine state and inference latencies of every node. */
public class MgdsprStatsAction extends ActionType<MgdsprNodesResponse> {

    public static final String NAME = "cluster:monitor/mgdspr/stats";
    public static final MgdsprStatsAction INSTANCE = new MgdsprStatsAction();

    private MgdsprStatsAction() {
        super(NAME, MgdsprNodesResponse::new);
    }
}
