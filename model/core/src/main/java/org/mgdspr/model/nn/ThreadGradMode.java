package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.util.function.Supplier;

/**
 * PyTorch's grad mode, which the engine keeps per thread: the thread that started the engine begins with it off,
 * every other thread with it on. Besides autograd recording it selects kernels (oneDNN runs an LSTM with its
 * inference kernel only when grad mode is off), so a forward pass that inherited the calling thread's mode computed
 * different numbers on different threads. Every inference pass therefore sets the mode itself (training runs inside
 * DJL's gradient collector, which switches it on), through this class, the only place that touches DJL's
 * PyTorch-specific autograd calls. It also back-propagates on the calling thread ({@link #backward}), which the
 * trainer's part threads need: DJL's gradient collector allows one collecting thread at a time.
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

    /**
     * Back-propagates {@code gradient} from {@code output} through the graph that recorded it, on the calling thread;
     * the gradients accumulate in the graph's leaves. Passes over disjoint graphs may back-propagate concurrently.
     */
    public static void backward(NDArray output, NDArray gradient) {
        JniUtils.backward((PtNDArray) output, (PtNDArray) gradient, false, false);
    }

    /** The calling thread's grad mode. */
    public static boolean isEnabled() {
        return JniUtils.isGradMode();
    }
}
