package org.mgdspr.plugin.cache;

/** Something the node cache can hold: it knows its memory footprint and releases its resources on close. */
public interface CachedModel extends AutoCloseable {

    /** Bytes of heap and native memory held while loaded; the cache's memory bound counts this. */
    long memoryBytes();

    @Override
    void close();
}
