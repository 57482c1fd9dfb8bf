package org.mgdspr.plugin.serving;

import org.mgdspr.plugin.registry.ModelIds;
import org.opensearch.action.ActionType;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.nodes.BaseNodeResponse;
import org.opensearch.action.support.nodes.BaseNodesRequest;
import org.opensearch.action.support.nodes.BaseNodesResponse;
import org.opensearch.action.support.nodes.TransportNodesAction;
import org.opensearch.cluster.ClusterName;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportRequest;
import org.opensearch.transport.TransportService;

import java.io.IOException;
import java.util.List;

/**
 * Tells every node to drop a model from its cache, so that a deleted (or re-uploaded) model is never served from a
 * stale copy. Models still in use by a running request are closed when that request releases them.
 */
public final class UnloadModelAction {

    public static final ActionType<Response> INSTANCE =
        new ActionType<>("cluster:admin/mgdspr/model/unload", Response::new);

    private UnloadModelAction() {}

    /** Unloads one model on every node. */
    public static class Request extends BaseNodesRequest<Request> {
        private final String modelId;

        public Request(String modelId) {
            super((String[]) null);
            this.modelId = ModelIds.validate(modelId);
        }

        public Request(StreamInput in) throws IOException {
            super(in);
            modelId = in.readString();
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            super.writeTo(out);
            out.writeString(modelId);
        }
    }

    /** The per-node part of {@link Request}. */
    public static class NodeRequest extends TransportRequest {
        private final String modelId;

        NodeRequest(String modelId) {
            this.modelId = modelId;
        }

        public NodeRequest(StreamInput in) throws IOException {
            super(in);
            modelId = in.readString();
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            super.writeTo(out);
            out.writeString(modelId);
        }
    }

    /** A node's acknowledgement. */
    public static class NodeResponse extends BaseNodeResponse {
        NodeResponse(DiscoveryNode node) {
            super(node);
        }

        public NodeResponse(StreamInput in) throws IOException {
            super(in);
        }
    }

    /** Every node's acknowledgement, and the nodes that could not be reached. */
    public static class Response extends BaseNodesResponse<NodeResponse> {
        Response(ClusterName clusterName, List<NodeResponse> nodes, List<FailedNodeException> failures) {
            super(clusterName, nodes, failures);
        }

        public Response(StreamInput in) throws IOException {
            super(in);
        }

        @Override
        protected List<NodeResponse> readNodesFrom(StreamInput in) throws IOException {
            return in.readList(NodeResponse::new);
        }

        @Override
        protected void writeNodesTo(StreamOutput out, List<NodeResponse> nodes) throws IOException {
            out.writeList(nodes);
        }
    }

    /** Runs the unload on each node's management pool; unloading never blocks on a running inference. */
    public static class TransportAction extends TransportNodesAction<Request, Response, NodeRequest, NodeResponse> {
        private final InferenceService inference;

        @Inject
        public TransportAction(ThreadPool threadPool, ClusterService clusterService, TransportService transportService,
                               ActionFilters actionFilters, InferenceService inference) {
            super(INSTANCE.name(), threadPool, clusterService, transportService, actionFilters, Request::new,
                NodeRequest::new, ThreadPool.Names.MANAGEMENT, NodeResponse.class);
            this.inference = inference;
        }

        @Override
        protected Response newResponse(Request request, List<NodeResponse> responses, List<FailedNodeException> failures) {
            return new Response(clusterService.getClusterName(), responses, failures);
        }

        @Override
        protected NodeRequest newNodeRequest(Request request) {
            return new NodeRequest(request.modelId);
        }

        @Override
        protected NodeResponse newNodeResponse(StreamInput in) throws IOException {
            return new NodeResponse(in);
        }

        @Override
        protected NodeResponse nodeOperation(NodeRequest request) {
            inference.unload(request.modelId);
            return new NodeResponse(clusterService.localNode());
        }
    }
}
