package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Inverted dropout whose masks a seeded Java generator draws: in training each element is kept with probability
 * {@code 1 - rate} and scaled by {@code 1 / (1 - rate)}, otherwise zeroed; outside training the input passes
 * unchanged.
 *
 * <p>PyTorch's CPU dropout draws its Bernoulli mask one element at a time from a Mersenne twister unless MKL draws
 * it, which PyTorch lets MKL do on Intel processors only: on the AMD machines here the seven dropout sites of a
 * small-preset training step took about 10 of its 150 ms. One {@link SplittableRandom} call decides two elements
 * here. Each dropout site has its own generator, seeded from the model seed and the site's name, so its masks do not
 * depend on what else draws from the engine's generator.
 *
 * <p>A training step that runs parts of its batch on several threads at once gives each part a stream of its own
 * ({@link #inStream}): part {@code s} draws from the site's generator number {@code s}, so its masks do not depend on
 * how the threads interleave. Stream 0, which every thread uses unless told otherwise, is the generator of the seed
 * itself. Like PyTorch's grad mode, the stream is a setting of the calling thread.
 *
 * <p>Thread-safe.
 */
public final class SeededDropout {

    private static final ThreadLocal<Integer> STREAM = ThreadLocal.withInitial(() -> 0);

    private final float rate;
    private final float keptScale;
    private final long keepBound;
    private final long seed;
    private final List<SplittableRandom> streams = new ArrayList<>();

    /**
     * @param rate probability of zeroing an element, in {@code [0, 1)}
     * @param seed seed of the masks, drawn in the order of the calls
     */
    public SeededDropout(float rate, long seed) {
        if (!(rate >= 0f && rate < 1f)) {
            throw new IllegalArgumentException("dropout rate must be in [0, 1), got " + rate);
        }
        this.rate = rate;
        this.keptScale = 1f / (1f - rate);
        this.keepBound = Math.round((1.0 - rate) * 0x1p32);
        this.seed = seed;
    }

    /**
     * Runs {@code body} with every site's masks drawn from stream {@code stream} on the calling thread, then
     * restores the thread's stream.
     */
    public static <T> T inStream(int stream, Supplier<T> body) {
        if (stream < 0) {
            throw new IllegalArgumentException("dropout stream must be >= 0, got " + stream);
        }
        int previous = STREAM.get();
        STREAM.set(stream);
        try {
            return body.get();
        } finally {
            STREAM.set(previous);
        }
    }

    /** {@code x} itself outside training or at rate 0; otherwise {@code x} times a fresh mask of its shape. */
    public NDArray apply(NDArray x, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        return x.mul(x.getManager().create(mask(Math.toIntExact(x.size())), x.getShape()));
    }

    synchronized float[] mask(int size) {
        SplittableRandom random = stream(STREAM.get());
        float[] mask = new float[size];
        for (int i = 0; i < size; i += 2) {
            long bits = random.nextLong();
            mask[i] = (bits & 0xFFFFFFFFL) < keepBound ? keptScale : 0f;
            if (i + 1 < size) {
                mask[i + 1] = (bits >>> 32) < keepBound ? keptScale : 0f;
            }
        }
        return mask;
    }

    private SplittableRandom stream(int stream) {
        while (streams.size() <= stream) {
            int next = streams.size();
            streams.add(new SplittableRandom(next == 0 ? seed : Seeds.mix(seed, next)));
        }
        return streams.get(stream);
    }
}
