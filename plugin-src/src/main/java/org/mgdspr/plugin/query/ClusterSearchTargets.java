package org.mgdspr.plugin.query;

import org.opensearch.action.search.SearchRequest;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.IndexMetadata;

import java.util.Objects;
import java.util.function.Supplier;

/** {@link SearchTargets} from the coordinating node's cluster state. */
public final class ClusterSearchTargets implements SearchTargets {

    private final Supplier<ClusterState> state;

    /** @param state the local node's current cluster state */
    public ClusterSearchTargets(Supplier<ClusterState> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    @Override
    public boolean oneShard(SearchRequest request) {
        String[] names = request.indices();
        if (names == null || names.length != 1) {
            return false;
        }
        // an alias, a data stream, a pattern or a remote index has no index metadata under its own name
        IndexMetadata index = state.get().metadata().index(names[0]);
        return index != null && index.getState() == IndexMetadata.State.OPEN && index.getNumberOfShards() == 1;
    }
}
