package org.mgdspr.plugin.registry;

import org.opensearch.Version;
import org.opensearch.cluster.ClusterChangedEvent;
import org.opensearch.cluster.ClusterName;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.metadata.IndexMetadata;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.test.OpenSearchTestCase;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Nodes drop cached models when the registry index disappears or a model's committed digest changes. */
public class RegistryWatcherTests extends OpenSearchTestCase {

    private final List<String> unloaded = new ArrayList<>();
    private final AtomicInteger unloadedAll = new AtomicInteger();
    private final RegistryWatcher watcher = new RegistryWatcher(unloaded::add, unloadedAll::incrementAndGet);

    public void testDeletingTheRegistryIndexUnloadsEveryModel() {
        CommittedModels committed = CommittedModels.EMPTY.with("shop-v1", "a".repeat(64));
        watcher.clusterChanged(new ClusterChangedEvent("test", state(false, committed), state(true, committed)));
        assertEquals(1, unloadedAll.get());
    }

    public void testAChangedOrRemovedDigestUnloadsThatModelOnly() {
        CommittedModels before = CommittedModels.EMPTY.with("kept", "a".repeat(64)).with("changed", "b".repeat(64))
            .with("removed", "c".repeat(64));
        CommittedModels after = before.with("changed", "d".repeat(64)).without("removed").with("added", "e".repeat(64));
        watcher.clusterChanged(new ClusterChangedEvent("test", state(true, after), state(true, before)));
        assertEquals(List.of("changed", "removed"), unloaded.stream().sorted().toList());
        assertEquals(0, unloadedAll.get());
    }

    private ClusterState state(boolean withRegistryIndex, CommittedModels committed) {
        Metadata.Builder metadata = Metadata.builder().putCustom(CommittedModels.TYPE, committed);
        if (withRegistryIndex) {
            metadata.put(IndexMetadata.builder(ModelIndex.NAME).settings(settings(Version.CURRENT))
                .numberOfShards(1).numberOfReplicas(0));
        }
        return ClusterState.builder(ClusterName.DEFAULT).metadata(metadata).build();
    }
}
