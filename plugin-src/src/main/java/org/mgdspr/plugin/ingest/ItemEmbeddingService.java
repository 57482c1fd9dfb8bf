package org.mgdspr.plugin.ingest;

import org.opensearch.core.action.ActionListener;

import java.util.List;

/**
 * Runs a registered model's item tower over a batch of items, asynchronously and off the calling thread. The
 * answer holds one vector per item, in input order.
 */
@FunctionalInterface
public interface ItemEmbeddingService {

    void embedItems(String modelId, List<ItemText> items, ActionListener<float[][]> listener);
}
