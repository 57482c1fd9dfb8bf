package org.mgdspr.plugin.query;

import org.opensearch.Version;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.cluster.ClusterName;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.AliasMetadata;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.common.settings.Settings;
import org.opensearch.test.OpenSearchTestCase;

/** Which searches reach exactly one shard, as the coordinating node's cluster state tells. */
public class ClusterSearchTargetsTests extends OpenSearchTestCase {

    private static final ClusterState STATE = ClusterState.builder(ClusterName.DEFAULT).metadata(Metadata.builder()
        .put(index("products", 1).putAlias(AliasMetadata.builder("shop")))
        .put(index("catalog", 3))
        .put(index("archive", 1).state(IndexMetadata.State.CLOSE))).build();

    private final SearchTargets targets = new ClusterSearchTargets(() -> STATE);

    public void testOnlyAnIndexOfOneShardNamedDirectlyIsOneShard() {
        assertTrue(targets.oneShard(new SearchRequest("products")));
        assertFalse("three shards", targets.oneShard(new SearchRequest("catalog")));
        assertFalse("an alias may filter", targets.oneShard(new SearchRequest("shop")));
        assertFalse("a pattern", targets.oneShard(new SearchRequest("prod*")));
        assertFalse("a remote cluster's index", targets.oneShard(new SearchRequest("remote:products")));
        assertFalse("two indices", targets.oneShard(new SearchRequest("products", "catalog")));
        assertFalse("every index", targets.oneShard(new SearchRequest()));
        assertFalse("closed", targets.oneShard(new SearchRequest("archive")));
        assertFalse("missing", targets.oneShard(new SearchRequest("nothing")));
    }

    private static IndexMetadata.Builder index(String name, int shards) {
        return IndexMetadata.builder(name).settings(Settings.builder().put(IndexMetadata.SETTING_VERSION_CREATED,
            Version.CURRENT)).numberOfShards(shards).numberOfReplicas(0);
    }
}
