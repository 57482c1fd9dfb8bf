package org.mgdspr.plugin.registry;

import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.clustermanager.AcknowledgedResponse;
import org.opensearch.action.support.clustermanager.TransportClusterManagerNodeAction;
import org.opensearch.cluster.AckedClusterStateUpdateTask;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.block.ClusterBlockException;
import org.opensearch.cluster.block.ClusterBlockLevel;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;

import java.io.IOException;

/** Applies a {@link CommittedModelUpdate} on the elected cluster manager, as a cluster state update. */
public class TransportCommittedModelUpdateAction
    extends TransportClusterManagerNodeAction<CommittedModelUpdate, AcknowledgedResponse> {

    @Inject
    public TransportCommittedModelUpdateAction(TransportService transportService, ClusterService clusterService,
                                               ThreadPool threadPool, ActionFilters actionFilters,
                                               IndexNameExpressionResolver indexNameExpressionResolver) {
        super(RegistryActions.UPDATE_COMMITTED.name(), transportService, clusterService, threadPool, actionFilters,
            CommittedModelUpdate::new, indexNameExpressionResolver);
    }

    @Override
    protected String executor() {
        return ThreadPool.Names.SAME;
    }

    @Override
    protected AcknowledgedResponse read(StreamInput in) throws IOException {
        return new AcknowledgedResponse(in);
    }

    @Override
    protected void clusterManagerOperation(CommittedModelUpdate request, ClusterState state,
                                           ActionListener<AcknowledgedResponse> listener) {
        String source = (request.sha256() == null ? "mgdspr-remove-committed-model [" : "mgdspr-commit-model [")
            + request.modelId() + "]";
        clusterService.submitStateUpdateTask(source, new AckedClusterStateUpdateTask<>(request, listener) {
            @Override
            public ClusterState execute(ClusterState current) {
                CommittedModels committed = CommittedModels.of(current);
                CommittedModels updated = request.sha256() == null
                    ? committed.without(request.modelId())
                    : committed.with(request.modelId(), request.sha256());
                if (updated.equals(committed)) {
                    return current;
                }
                return ClusterState.builder(current)
                    .metadata(Metadata.builder(current.metadata()).putCustom(CommittedModels.TYPE, updated))
                    .build();
            }

            @Override
            protected AcknowledgedResponse newResponse(boolean acknowledged) {
                return new AcknowledgedResponse(acknowledged);
            }
        });
    }

    @Override
    protected ClusterBlockException checkBlock(CommittedModelUpdate request, ClusterState state) {
        return state.blocks().globalBlockedException(ClusterBlockLevel.METADATA_WRITE);
    }
}
