package org.mgdspr.model.bench;

import org.mgdspr.model.config.ModelConfig;
import org.mgdspr.model.features.EncodedItem;
import org.mgdspr.model.features.EncodedUser;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prints, per preset: user-tower latency at batch 1 (p50/p99) on the calling thread and on a pool thread,
 * item-tower throughput at batch 1/64/512 and training throughput at the preset's batch size and negative count, on random fully populated inputs; each as
 * wall-clock and as CPU time of the calling thread (meaningful with {@code -Dai.djl.pytorch.num_threads=1}); training
 * also per CPU-second of the whole process, which counts PyTorch's other threads.
 *
 * <p>Usage: {@code TowerBenchmark [preset ...]} (default {@code small paper}). System properties:
 * {@code bench.idRange} (default 100000) bounds the random ids, {@code bench.trainSteps} (default 5) the timed
 * training steps, {@code bench.userCalls} (default 300) the timed user-tower calls.
 */
public final class TowerBenchmark {

    /**
     * With {@code ai.djl.pytorch.num_threads=1} PyTorch computes on the calling thread, so its CPU time is the
     * cost of the work itself, unaffected by other processes competing for the cores.
     */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU time of every thread, PyTorch's intra-op workers (and their spin-waiting) included. */
    private static final OperatingSystemMXBean PROCESS =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private TowerBenchmark() {}

    public static void main(String[] args) {
        List<String> presets = args.length == 0 ? List.of("small", "paper") : List.of(args);
        int idRange = Integer.getInteger("bench.idRange", 100_000);
        int trainSteps = Integer.getInteger("bench.trainSteps", 5);
        int userCalls = Integer.getInteger("bench.userCalls", 300);
        for (String preset : presets) {
            run(preset, ModelConfig.preset(preset), idRange, trainSteps, userCalls);
        }
    }

    private static void run(String preset, ModelConfig config, int idRange, int trainSteps, int userCalls) {
        RandomInputs inputs = new RandomInputs(config.features(), 1, idRange);
        try (TwoTowerModel model = TwoTowerModel.create(config);
             TwoTowerTraining training = new TwoTowerTraining(model)) {
            List<EncodedUser> users = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                users.add(inputs.user());
            }
            timeUserTower(preset, "calling thread", model, users, userCalls);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                pool.submit(() -> timeUserTower(preset, "pool thread", model, users, userCalls)).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while timing the user tower on a pool thread", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("timing the user tower on a pool thread failed", e.getCause());
            } finally {
                pool.shutdownNow();
            }

            List<EncodedItem> items = new ArrayList<>();
            for (int i = 0; i < 512; i++) {
                items.add(inputs.item());
            }
            for (int batch : new int[] {1, 64, 512}) {
                List<EncodedItem> slice = items.subList(0, batch);
                int repeats = Math.max(3, 2048 / batch);
                model.embedItems(slice);
                long start = System.nanoTime();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                for (int r = 0; r < repeats; r++) {
                    model.embedItems(slice);
                }
                double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                double seconds = (System.nanoTime() - start) / 1e9;
                print(preset, "item tower batch %d: %.0f items/s wall, %.0f items per cpu-second", batch,
                    batch * repeats / seconds, batch * repeats / cpuSeconds);
            }

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
    }

    /**
     * PyTorch keeps per-thread state (grad mode) that once decided which LSTM kernel ran, and the node's tower runs
     * on pool threads, so the user tower is timed on the thread that started the engine and on a fresh one.
     */
    private static void timeUserTower(String preset, String thread, TwoTowerModel model, List<EncodedUser> users,
                                      int calls) {
        for (int i = 0; i < 30; i++) {
            model.embedUsers(List.of(users.get(i % users.size())));
        }
        double[] latencies = new double[calls];
        double[] cpu = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            model.embedUsers(List.of(users.get(i % users.size())));
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(latencies);
        Arrays.sort(cpu);
        print(preset, "user tower batch 1, %s: p50 %.2f ms, p99 %.2f ms wall; p50 %.2f ms cpu (%d calls)", thread,
            percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(cpu, 0.50), calls);
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static void print(String preset, String format, Object... args) {
        System.out.println("[" + preset + "] " + String.format(Locale.ROOT, format, args));
    }
}
