package org.mgdspr.plugin.stats;

import org.opensearch.action.support.nodes.BaseNodesRequest;
import org.opensearch.core.common.Strings;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.rest.RestRequest;

import java.io.IOException;

/** Selects the nodes that report stats or start their engine; no node ids means every node. */
public class MgdsprNodesRequest extends BaseNodesRequest<MgdsprNodesRequest> {

    public MgdsprNodesRequest(String... nodeIds) {
        super(nodeIds);
    }

    public MgdsprNodesRequest(StreamInput in) throws IOException {
        super(in);
    }

    /** From the {@code node_id} path part (comma-separated; absent = all nodes) and the {@code timeout} parameter. */
    public static MgdsprNodesRequest fromRest(RestRequest request) {
        MgdsprNodesRequest nodesRequest = new MgdsprNodesRequest(Strings.splitStringByCommaToArray(request.param("node_id")));
        nodesRequest.timeout(request.param("timeout"));
        return nodesRequest;
    }
}
