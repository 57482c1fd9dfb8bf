package org.mgdspr.model.bench;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
import org.mgdspr.model.serving.FastItemTower;
import org.mgdspr.model.serving.FastUserTower;
import org.mgdspr.model.train.TrainingExample;
import org.mgdspr.model.train.TwoTowerTraining;
import org.mgdspr.model.twotower.TwoTowerModel;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Prints, per preset, on random fully populated inputs (the towers' worst case): the serving forward's user-tower
 * latency at batch 1 (p50/p99 wall, p50 CPU) beside the DJL forward's, item-tower throughput at batch 512 and 1 of
 * both forwards, and training throughput at the preset's batch size and negative count. CPU time is that of the
 * calling thread (meaningful for DJL with {@code -Dai.djl.pytorch.num_threads=1}); the targets are printed
 * beside the numbers, never asserted. Training is also given per CPU-second of the whole process, which counts
 * PyTorch's other threads.
 *
 * <p>Usage: {@code TowerBenchmark [preset ...]} (default {@code small paper}). System properties:
 * {@code bench.idRange} (default 100000) bounds the random ids, {@code bench.trainSteps} (default 5) the timed
 * training steps (0 skips training), {@code bench.trainThreads} (default 1) the threads a training step runs the
 * user tower's parts on ({@link TwoTowerTraining}; meant for one PyTorch thread), {@code bench.userCalls} (default
 * 2000) the timed serving-forward calls, {@code bench.djlCalls} (default 300) the timed DJL calls.
 */
public final class TowerBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Batch-1 user-tower CPU p50 targets (ms) of issue 13, by preset. */
    private static final double SMALL_USER_TARGET_MS = 0.5;
    private static final double PAPER_USER_TARGET_MS = 1.0;
    /** Items per CPU-second at batch 512, small preset. */
    private static final double ITEM_TARGET = 100_000;

    /** CPU time of every thread, PyTorch's intra-op workers (and their spin-waiting) included. */
    private static final OperatingSystemMXBean PROCESS =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private TowerBenchmark() {}

    public static void main(String[] args) {
        List<String> presets = args.length == 0 ? List.of("small", "paper") : List.of(args);
        int idRange = Integer.getInteger("bench.idRange", 100_000);
        int trainSteps = Integer.getInteger("bench.trainSteps", 5);
        int userCalls = Integer.getInteger("bench.userCalls", 2000);
        int djlCalls = Integer.getInteger("bench.djlCalls", 300);
        int trainThreads = Integer.getInteger("bench.trainThreads", 1);
        if (trainSteps > 0 && System.getenv("GLIBC_TUNABLES") == null) {
            System.out.println("note: GLIBC_TUNABLES is not set, so the training lines measure glibc's default "
                + "allocator, not the one model/bin/mgdspr sets for training (results/bench/README.md, \"The "
                + "allocator\")");
        }
        for (String preset : presets) {
            run(preset, ModelConfig.preset(preset), idRange, trainSteps, trainThreads, userCalls, djlCalls);
        }
    }

    private static void run(String preset, ModelConfig config, int idRange, int trainSteps, int trainThreads,
                            int userCalls, int djlCalls) {
        RandomInputs inputs = new RandomInputs(config.features(), 1, idRange);
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model, trainThreads)) {
            List<EncodedUser> users = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                users.add(inputs.user());
            }
            FastUserTower fastUser = model.userTower().compile();
            Latency fast = timeUserTower(user -> fastUser.embed(user), users, userCalls);
            print(preset, "user tower batch 1: p50 %.3f ms, p99 %.3f ms wall; p50 %.3f ms cpu (%d calls)",
                fast.wallP50, fast.wallP99, fast.cpuP50, userCalls);
            Latency djl = timeUserTower(user -> model.embedUsers(List.of(user))[0], users, djlCalls);
            print(preset, "user tower batch 1, djl forward: p50 %.3f ms, p99 %.3f ms wall; p50 %.3f ms cpu (%d calls)",
                djl.wallP50, djl.wallP99, djl.cpuP50, djlCalls);
            double target = "paper".equals(preset) ? PAPER_USER_TARGET_MS : SMALL_USER_TARGET_MS;
            print(preset, "user tower batch 1: serving forward %.1fx faster than djl (cpu p50); target <= %.1f ms "
                + "cpu p50: %s", djl.cpuP50 / fast.cpuP50, target, fast.cpuP50 <= target ? "met" : "missed");

            List<EncodedItem> items = new ArrayList<>();
            for (int i = 0; i < 512; i++) {
                items.add(inputs.item());
            }
            FastItemTower fastItem = model.itemTower().compile();
            for (int batch : new int[] {512, 1}) {
                List<EncodedItem> slice = items.subList(0, batch);
                Throughput served = timeItemTower(fastItem::embed, slice, Math.max(20, 20_000 / batch));
                Throughput engine = timeItemTower(model::embedItems, slice, Math.max(3, 2048 / batch));
                String goal = batch == 512 && "small".equals(preset)
                    ? String.format(Locale.ROOT, "; target >= %.0f: %s", ITEM_TARGET,
                        served.perCpuSecond >= ITEM_TARGET ? "met" : "missed")
                    : "";
                print(preset, "item tower batch %d: %.0f items/s wall, %.0f items per cpu-second; djl forward %.0f "
                        + "items per cpu-second (%.1fx)%s", batch, served.perSecond, served.perCpuSecond,
                    engine.perCpuSecond, served.perCpuSecond / engine.perCpuSecond, goal);
            }

            if (trainSteps > 0) {
                timeTraining(preset, config, inputs, training, trainSteps);
            }
        }
    }

    private static void timeTraining(String preset, ModelConfig config, RandomInputs inputs,
                                     TwoTowerTraining training, int trainSteps) {
        int batchSize = config.train().batchSize();
        List<TrainingExample> batch = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            batch.add(new TrainingExample(inputs.user(), inputs.item()));
        }
        List<EncodedItem> negatives = new ArrayList<>();
        for (int i = 0; i < config.loss().randomNegatives(); i++) {
            negatives.add(inputs.item());
        }
        training.step(batch, negatives);
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long processCpuStart = PROCESS.getProcessCpuTime();
        float loss = 0;
        for (int s = 0; s < trainSteps; s++) {
            loss = training.step(batch, negatives);
        }
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double processCpuSeconds = (PROCESS.getProcessCpuTime() - processCpuStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;
        print(preset, "training batch %d, %d negatives, %d hard: %.1f examples/s wall (%.0f ms/step), "
                + "%.1f examples per cpu-second, %.1f per process cpu-second, last loss %.3f", batchSize,
            negatives.size(), config.loss().hardNegatives(), batchSize * trainSteps / seconds,
            1000 * seconds / trainSteps, batchSize * trainSteps / cpuSeconds,
            batchSize * trainSteps / processCpuSeconds, loss);
    }

    private record Latency(double wallP50, double wallP99, double cpuP50) {}

    private record Throughput(double perSecond, double perCpuSecond) {}

    private static Latency timeUserTower(Function<EncodedUser, float[]> embed, List<EncodedUser> users, int calls) {
        for (int i = 0; i < Math.max(30, calls / 4); i++) {
            embed.apply(users.get(i % users.size()));
        }
        double[] latencies = new double[calls];
        double[] cpu = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            embed.apply(users.get(i % users.size()));
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(latencies);
        Arrays.sort(cpu);
        return new Latency(percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(cpu, 0.50));
    }

    private static Throughput timeItemTower(Function<List<EncodedItem>, float[][]> embed, List<EncodedItem> batch,
                                            int repeats) {
        for (int r = 0; r < Math.max(1, repeats / 4); r++) {
            embed.apply(batch);
        }
        long start = System.nanoTime();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        for (int r = 0; r < repeats; r++) {
            embed.apply(batch);
        }
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(batch.size() * repeats / seconds, batch.size() * repeats / cpuSeconds);
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void print(String preset, String format, Object... args) {
        System.out.println("[" + preset + "] " + String.format(Locale.ROOT, format, args));
    }
}
