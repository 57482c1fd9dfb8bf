package org.mgdspr.model.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads} of the commands that run the towers. */
final class ThreadOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--threads", paramLabel = "<n>", description = "PyTorch intra-op threads and the encoding pool "
        + "size (default: 1 PyTorch thread, encoding on all cores; more threads need OMP_WAIT_POLICY=PASSIVE, which "
        + "bin/mgdspr sets)")
    private Integer threads;

    /** Must run before the PyTorch engine starts and before the common fork-join pool is first used. */
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
