package org.mgdspr.plugin;

import com.carrotsearch.randomizedtesting.ThreadFilter;

/** The JDK's common fork-join pool outlives every suite (k-NN uses it); it is not a leak of ours. */
public class CommonPoolThreadFilter implements ThreadFilter {

    @Override
    public boolean reject(Thread thread) {
        return thread.getName().startsWith("ForkJoinPool.commonPool-worker");
    }
}
