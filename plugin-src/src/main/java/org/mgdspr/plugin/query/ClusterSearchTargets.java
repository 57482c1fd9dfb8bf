package org.mgdspr.plugin.query;

import org.opensearch.action.search.SearchRequest;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.service.ClusterService;

import java.util.Objects;

/** {@link SearchTargets} from the local node's cluster state. */
public final class ClusterSearchTargets implements SearchTargets {

    private final ClusterService clusterService;

    public ClusterSearchTargets(ClusterService clusterService) {
        this.clusterService = Objects.requireNonNull(clusterService, "clusterService");
    }

    @Override
    public boolean oneShard(SearchRequest request) {
        String[] names = request.indices();
        if (names == null || names.length != 1) {
            return false;
        }
        // an alias, a data stream, a pattern or a remote index has no index metadata under its own name
        IndexMetadata index = clusterService.state().metadata().index(names[0]);
        return index != null && index.getState() == IndexMetadata.State.OPEN && index.getNumberOfShards() == 1;
    }
}
