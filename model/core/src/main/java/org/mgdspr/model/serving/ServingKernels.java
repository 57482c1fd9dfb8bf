package org.mgdspr.model.serving;

/**
 * The kernels the serving forward runs on in this JVM, for a node's statistics: the JDK Vector API, which needs the
 * {@code jdk.incubator.vector} module, or plain loops, with which the user tower is several times slower.
 *
 * @param implementation  {@code vector_api} or {@code plain_loops}
 * @param vectorBits      the width of the Vector API's preferred float vectors; 0 for plain loops
 */
public record ServingKernels(String implementation, int vectorBits) {

    public static final String VECTOR_API = "vector_api";
    public static final String PLAIN_LOOPS = "plain_loops";

    /** What this JVM's serving forward uses. */
    public static ServingKernels current() {
        return Kernels.describe();
    }
}
