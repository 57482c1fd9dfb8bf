package org.mgdspr.plugin.stats;

import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.transport.TransportRequest;

import java.io.IOException;

/** The per-node part of {@link MgdsprNodesRequest}; it carries nothing node-specific. */
public class MgdsprNodeRequest extends TransportRequest {

    public MgdsprNodeRequest() {}

    public MgdsprNodeRequest(StreamInput in) throws IOException {
        super(in);
    }
}
