package org.mgdspr.plugin.stats;

import org.opensearch.action.support.nodes.BaseNodesRequest;
import org.opensearch.core.common.io.stream.StreamInput;

import java.io.IOException;

/** Selects the nodes that report stats or start their engine; no node ids means every node. */
public class MgdsprNodesRequest extends BaseNodesRequest<MgdsprNodesRequest> {

    public MgdsprNodesRequest(String... nodeIds) {
        super(nodeIds);
    }

    public MgdsprNodesRequest(StreamInput in) throws IOException {
        super(in);
    }
}
