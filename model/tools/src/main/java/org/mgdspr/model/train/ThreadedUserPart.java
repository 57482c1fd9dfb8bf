package org.mgdspr.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

import org.mgdspr.model.nn.SeededDropout;
import org.mgdspr.model.nn.ThreadGradMode;
import org.mgdspr.model.nn.UserTowerInput;
import org.mgdspr.model.twotower.UserTower;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A part of a step's users after the first, whose forward and backward pass through the user tower run as one
 * task on a part thread: the arrays the task creates live until its backward pass has ended (the engine may keep
 * pointing into their buffers until then), in a scope of that thread.
 */
final class ThreadedUserPart {

    private final UserTower user;
    private final ParameterAliases parameters;
    private final CompletableFuture<NDArray> vectors = new CompletableFuture<>();
    private final CompletableFuture<NDArray> vectorGradient = new CompletableFuture<>();
    private final Future<?> task;

    /** Starts the part's task on {@code threads}; part 0 is the calling thread's, so {@code part} is at least 1. */
    ThreadedUserPart(ExecutorService threads, UserTower user, int part, UserTowerInput input,
                     ParameterAliases parameters) {
        this.user = user;
        this.parameters = parameters;
        this.task = threads.submit(() -> {
            try {
                ThreadGradMode.with(true, () -> SeededDropout.inStream(part, () -> run(input)));
            } catch (RuntimeException | Error e) {
                vectors.completeExceptionally(e);
                throw e;
            }
        });
    }

    private Void run(UserTowerInput input) {
        try (NDScope scope = new NDScope()) {
            NDArray output = user.forward(parameters.store(), input, true);
            vectors.complete(output);
            NDArray gradient;
            try {
                gradient = vectorGradient.join();
            } catch (CancellationException stepEnded) {
                return null;
            }
            ThreadGradMode.backward(output, gradient);
        }
        return null;
    }

    /** The leaves through which the part reads the dense weights, and which hold its gradients of them. */
    ParameterAliases parameters() {
        return parameters;
    }

    /** The part's user vectors, once its forward pass has ended. */
    NDArray vectors() {
        try {
            return vectors.join();
        } catch (CompletionException e) {
            throw unchecked(e.getCause());
        }
    }

    /** Starts the part's backward pass from {@code gradient}, the loss's gradient of its vectors. */
    void backward(NDArray gradient) {
        vectorGradient.complete(gradient);
    }

    /** Lets the task end without a backward pass if it still waits for a gradient. */
    void cancel() {
        vectorGradient.completeExceptionally(new CancellationException("the training step ended early"));
    }

    /**
     * Waits for the task to end, however often the calling thread is interrupted (the step must not free what
     * the task still uses); the thread's interrupt is set again afterwards.
     *
     * @return the task's failure, or null
     */
    Throwable await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    task.get();
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Waits for every part's task to end, after cancelling the wait for a gradient of those that still wait for one.
     * Once all have ended, a part's failure is added to {@code stepFailure} when the step is already failing (unless
     * it is that failure), and thrown otherwise.
     */
    static void awaitAll(List<ThreadedUserPart> parts, Throwable stepFailure) {
        for (ThreadedUserPart part : parts) {
            part.cancel();
        }
        List<Throwable> failures = new ArrayList<>();
        for (ThreadedUserPart part : parts) {
            Throwable failure = part.await();
            if (failure != null) {
                failures.add(failure);
            }
        }
        for (Throwable failure : failures) {
            if (stepFailure == null) {
                throw unchecked(failure);
            }
            if (failure != stepFailure) {
                stepFailure.addSuppressed(failure);
            }
        }
    }

    private static RuntimeException unchecked(Throwable failure) {
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a part of the users failed to train", failure);
    }
}
