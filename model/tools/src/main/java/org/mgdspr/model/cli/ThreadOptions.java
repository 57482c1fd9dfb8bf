package org.mgdspr.model.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads} of the commands that run the towers. */
final class ThreadOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--threads", paramLabel = "<n>", description = "cores to use: train runs each step's users in n "
        + "parts at once on one PyTorch thread each, the other commands give PyTorch n intra-op threads; the "
        + "encoding pool gets n threads (default: 1, encoding on all cores; PyTorch's threads need "
        + "OMP_WAIT_POLICY=PASSIVE, which bin/mgdspr sets)")
    private Integer threads;

    /**
     * For training: one PyTorch intra-op thread, the fork-join pool at {@code --threads} when given. Must run before
     * the PyTorch engine starts and before the common fork-join pool is first used.
     *
     * @return how many parts of a step's users to train at once ({@code --threads}, default 1)
     */
    int applyForTraining() {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        if (threads == null) {
            return 1;
        }
        int requested = Usage.atLeast(spec, "--threads", threads, 1);
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", Integer.toString(requested));
        return requested;
    }

    /**
     * For inference: {@code --threads} PyTorch intra-op threads (default 1). Must run before the PyTorch engine starts
     * and before the common fork-join pool is first used.
     */
    void apply() {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (threads == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            return;
        }
        int requested = Usage.atLeast(spec, "--threads", threads, 1);
        if (requested > 1 && System.getenv("OMP_WAIT_POLICY") == null) {
            System.err.println("warning: OMP_WAIT_POLICY is not set, so PyTorch's " + requested + " threads spin-wait "
                + "between operations and may run many times slower than one thread; set OMP_WAIT_POLICY=PASSIVE "
                + "(bin/mgdspr does)");
        }
        String count = Integer.toString(requested);
        System.setProperty("ai.djl.pytorch.num_threads", count);
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", count);
    }
}
