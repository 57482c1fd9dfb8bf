package org.mgdspr.plugin.ingest;

import org.mgdspr.plugin.registry.ModelState;
import org.mgdspr.plugin.registry.ModelStore;
import org.opensearch.ExceptionsHelper;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ingest.PutPipelineAction;
import org.opensearch.action.ingest.PutPipelineRequest;
import org.opensearch.action.support.ActionFilter;
import org.opensearch.action.support.ActionFilterChain;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.tasks.Task;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Refuses a pipeline whose {@code mgdspr_item_embedding} processors name a model that is not registered and
 * ready, when the pipeline is put. Processor factories cannot check this themselves: they also run while cluster
 * state is applied, where a registry lookup would block. The check runs once, asynchronously, on the node that
 * receives the request; the registry refuses to delete a model that pipelines use unless forced, and documents
 * of a pipeline whose model was force-deleted fail with the reason.
 */
public final class PipelineModelCheck implements ActionFilter {

    private final Supplier<ModelStore> store;

    public PipelineModelCheck(Supplier<ModelStore> store) {
        this.store = store;
    }

    @Override
    public int order() {
        return 0;
    }

    @Override
    public <Request extends ActionRequest, Response extends ActionResponse> void apply(
        Task task, String action, Request request, ActionListener<Response> listener,
        ActionFilterChain<Request, Response> chain) {
        if (!PutPipelineAction.NAME.equals(action) || !(request instanceof PutPipelineRequest put)) {
            chain.proceed(task, action, request, listener);
            return;
        }
        List<String> modelIds;
        try {
            modelIds = referencedModels(XContentHelper.convertToMap(put.getSource(), false, put.getMediaType()).v2());
        } catch (RuntimeException malformed) {
            chain.proceed(task, action, request, listener);
            return;
        }
        checkNext(put.getId(), modelIds.iterator(), ActionListener.wrap(
            allReady -> chain.proceed(task, action, request, listener), listener::onFailure));
    }

    private void checkNext(String pipelineId, Iterator<String> modelIds, ActionListener<Void> listener) {
        if (!modelIds.hasNext()) {
            listener.onResponse(null);
            return;
        }
        String modelId = modelIds.next();
        store.get().get(modelId, ActionListener.wrap(record -> {
            if (record.state() != ModelState.READY) {
                listener.onFailure(new OpenSearchStatusException("pipeline [" + pipelineId + "] uses model [" + modelId
                    + "], which is still uploading; commit it first", RestStatus.BAD_REQUEST));
            } else {
                checkNext(pipelineId, modelIds, listener);
            }
        }, e -> listener.onFailure(ExceptionsHelper.unwrapCause(e) instanceof ResourceNotFoundException
            ? new OpenSearchStatusException("pipeline [" + pipelineId + "] uses model [" + modelId + "]: "
                + e.getMessage(), RestStatus.BAD_REQUEST, e)
            : e)));
    }

    /** Model ids of every item-embedding processor, including those in {@code on_failure} chains. */
    public static List<String> referencedModels(Map<String, Object> pipeline) {
        List<String> modelIds = new ArrayList<>();
        collect(pipeline.get("processors"), modelIds);
        collect(pipeline.get("on_failure"), modelIds);
        return modelIds;
    }

    private static void collect(Object processors, List<String> modelIds) {
        if (!(processors instanceof List<?> list)) {
            return;
        }
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> processor)) {
                continue;
            }
            for (Map.Entry<?, ?> typed : processor.entrySet()) {
                if (!(typed.getValue() instanceof Map<?, ?> config)) {
                    continue;
                }
                if (ItemEmbeddingProcessor.TYPE.equals(typed.getKey()) && config.get("model_id") instanceof String id
                    && !modelIds.contains(id)) {
                    modelIds.add(id);
                }
                collect(config.get("on_failure"), modelIds);
            }
        }
    }
}
