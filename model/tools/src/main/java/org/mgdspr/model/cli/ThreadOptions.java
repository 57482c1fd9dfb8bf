package org.mgdspr.model.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads} of the commands that run the towers. */
final class ThreadOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--threads", paramLabel = "<n>", description = "PyTorch intra-op threads and the encoding pool "
        + "size (default: 1 PyTorch thread, encoding on all cores; more PyTorch threads spin-wait on a busy machine)")
    private Integer threads;

    /** Must run before the PyTorch engine starts and before the common fork-join pool is first used. */
    void apply() {
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (threads == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            return;
        }
        String count = Integer.toString(Usage.atLeast(spec, "--threads", threads, 1));
        System.setProperty("ai.djl.pytorch.num_threads", count);
        System.setProperty("java.util.concurrent.ForkJoinPool.common.parallelism", count);
    }
}
