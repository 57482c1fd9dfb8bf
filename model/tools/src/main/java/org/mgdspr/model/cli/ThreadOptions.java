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
        + "encoding pool gets n threads (default: 1, encoding on all cores; for eval and embed, more than one "
        + "PyTorch thread needs OMP_WAIT_POLICY=PASSIVE, which bin/mgdspr sets)")
    private Integer threads;

    /**
     * For training: one PyTorch intra-op thread, the fork-join pool at {@code --threads} when given. Must run before
     * the PyTorch engine starts and before the common fork-join pool is first used.
     *
     * @return how many parts of a step's users to train at once ({@code --threads}, default 1)
     */
    int applyForTraining() {
        Integer requested = requested();
        configure(1, requested);
        return requested == null ? 1 : requested;
    }

    /**
     * For inference: {@code --threads} PyTorch intra-op threads (default 1). Must run before the PyTorch engine starts
     * and before the common fork-join pool is first used.
     */
    void apply() {
        Integer requested = requested();
        if (requested != null && requested > 1 && System.getenv("OMP_WAIT_POLICY") == null) {
            System.err.println("warning: OMP_WAIT_POLICY is not set, so PyTorch's " + requested + " threads spin-wait "
                + "between operations and may run many times slower than one thread; set OMP_WAIT_POLICY=PASSIVE "
                + "(bin/mgdspr does)");
        }
        configure(requested == null ? 1 : requested, requested);
    }

    /** {@code --threads}, checked, or null when not given. */
    private Integer requested() {
        return threads == null ? null : Usage.atLeast(spec, "--threads", threads, 1);
    }

    /** @param poolThreads the common fork-join pool's parallelism, or null for the JVM's default (all cores) */
    private static void configure(int engineThreads, Integer poolThreads) {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(engineThreads));
        if (poolThreads != null) {
            System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", poolThreads.toString());
        }
    }
}
