package org.mgdspr.model.nn;

import ai.djl.pytorch.jni.JniUtils;

import java.util.function.Supplier;

/**
 * PyTorch's grad mode, which the engine keeps per thread: the thread that started the engine begins with it off,
 * every other thread with it on. Besides autograd recording it selects kernels (oneDNN runs an LSTM with its
 * inference kernel only when grad mode is off), so a forward pass that inherited the calling thread's mode computed
 * different numbers on different threads. Every inference pass therefore sets the mode itself (training runs inside
 * DJL's gradient collector, which switches it on), through this class, the only place that touches DJL's
 * PyTorch-specific switch.
 */
public final class ThreadGradMode {

    private ThreadGradMode() {}

    /** Runs {@code body} with grad mode {@code enabled} on the calling thread and restores the thread's mode after. */
    public static <T> T with(boolean enabled, Supplier<T> body) {
        boolean previous = JniUtils.isGradMode();
        if (previous == enabled) {
            return body.get();
        }
        JniUtils.setGradMode(enabled);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /** The calling thread's grad mode. */
    public static boolean isEnabled() {
        return JniUtils.isGradMode();
    }
}
