package org.mgdspr.plugin.rest;

import org.mgdspr.model.artifact.RegistryApi;
import org.mgdspr.plugin.registry.DeleteModelRequest;
import org.mgdspr.plugin.registry.ModelChunkRequest;
import org.mgdspr.plugin.registry.ModelIdRequest;
import org.mgdspr.plugin.registry.ModelsResponse;
import org.mgdspr.plugin.registry.RegistryActions;
import org.opensearch.core.action.ActionListener;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.opensearch.rest.RestRequest.Method.POST;
import static org.opensearch.rest.RestRequest.Method.PUT;

/**
 * Model uploads. Large artifacts go in chunks, then a commit that verifies the SHA-256 of the whole:
 * <pre>
 * PUT  _plugins/mgdspr/models/{model_id}/_chunk/{chunk}?chunk_count=N   {"data": "&lt;base64&gt;"}
 * POST _plugins/mgdspr/models/{model_id}/_commit                        {"sha256": "&lt;hex&gt;"}
 * </pre>
 * Small artifacts can go in one request: {@code PUT _plugins/mgdspr/models/{model_id}} with
 * {@code {"artifact": "<base64>", "sha256": "<hex, optional>"}}; if that artifact fails verification the
 * upload is discarded.
 */
public class RestUploadModelAction extends BaseRestHandler {

    private static final String MODELS = RegistryApi.MODELS_PATH + "/{model_id}";

    private final long maxChunkBytes;

    /** @param maxChunkBytes the largest chunk (or one-request artifact) a request may carry */
    public RestUploadModelAction(long maxChunkBytes) {
        this.maxChunkBytes = maxChunkBytes;
    }

    @Override
    public String getName() {
        return "mgdspr_upload_model_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(
            new Route(PUT, MODELS + RegistryApi.CHUNK_PATH + "/{chunk}"),
            new Route(POST, MODELS + RegistryApi.COMMIT_PATH),
            new Route(PUT, MODELS));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        String modelId = request.param("model_id");
        if (request.path().endsWith(RegistryApi.COMMIT_PATH)) {
            String sha256 = RequestBodies.requiredString(
                RequestBodies.parse(request, Set.of(RegistryApi.COMMIT_SHA256_FIELD)), RegistryApi.COMMIT_SHA256_FIELD);
            ModelIdRequest commit = new ModelIdRequest(modelId, sha256);
            return channel -> client.execute(RegistryActions.COMMIT, commit, new RestToXContentListener<>(channel));
        }
        if (request.param("chunk") != null) {
            int chunk = parseNonNegative(request.param("chunk"), "chunk");
            int chunkCount = parseNonNegative(request.param(RegistryApi.CHUNK_COUNT_PARAM),
                RegistryApi.CHUNK_COUNT_PARAM);
            byte[] data = (byte[]) RequestBodies.parseWithBase64(request, Set.of(RegistryApi.CHUNK_DATA_FIELD),
                RegistryApi.CHUNK_DATA_FIELD, maxChunkBytes,
                RegistryApi.MAX_CHUNK_SIZE_SETTING).get(RegistryApi.CHUNK_DATA_FIELD);
            ModelChunkRequest put = new ModelChunkRequest(modelId, chunk, chunkCount, data);
            return channel -> client.execute(RegistryActions.PUT_CHUNK, put, new RestToXContentListener<>(channel));
        }
        Map<String, Object> body = RequestBodies.parseWithBase64(request, Set.of("artifact", "sha256"), "artifact",
            maxChunkBytes, RegistryApi.MAX_CHUNK_SIZE_SETTING);
        byte[] artifact = (byte[]) body.get("artifact");
        String sha256 = (String) body.get("sha256");
        ModelChunkRequest onlyChunk = new ModelChunkRequest(modelId, 0, 1, artifact);
        ModelIdRequest commit = new ModelIdRequest(modelId, sha256);
        return channel -> {
            RestToXContentListener<ModelsResponse> respond = new RestToXContentListener<>(channel);
            client.execute(RegistryActions.PUT_CHUNK, onlyChunk, ActionListener.wrap(
                stored -> client.execute(RegistryActions.COMMIT, commit, ActionListener.wrap(respond::onResponse,
                    rejected -> discardThenFail(client, modelId, rejected, respond))),
                respond::onFailure));
        };
    }

    /** A one-request upload that fails verification leaves nothing behind; the client sees why it failed. */
    private static void discardThenFail(NodeClient client, String modelId, Exception rejected,
                                        ActionListener<ModelsResponse> respond) {
        client.execute(RegistryActions.DELETE, new DeleteModelRequest(modelId, false), ActionListener.wrap(
            deleted -> respond.onFailure(rejected),
            deleteFailed -> {
                rejected.addSuppressed(deleteFailed);
                respond.onFailure(rejected);
            }));
    }

    private static int parseNonNegative(String value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("parameter [" + name + "] is required");
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter [" + name + "] must be a non-negative integer, got [" + value + "]");
        }
    }
}
