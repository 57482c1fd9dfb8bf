package org.mgdspr.plugin.cache;

/**
 * A model in use. While any lease is open the model stays usable even if the cache evicts it; the model is
 * closed when it is evicted and its last lease is released. Close every lease exactly once.
 */
public interface ModelLease<M extends CachedModel> extends AutoCloseable {

    M model();

    @Override
    void close();
}
