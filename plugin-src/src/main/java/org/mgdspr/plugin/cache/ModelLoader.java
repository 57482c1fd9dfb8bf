package org.mgdspr.plugin.cache;

import org.opensearch.core.action.ActionListener;

/** Loads one model into memory, asynchronously; the cache calls it at most once per model at a time. */
@FunctionalInterface
public interface ModelLoader<M extends CachedModel> {

    void load(String modelId, ActionListener<M> listener);
}
