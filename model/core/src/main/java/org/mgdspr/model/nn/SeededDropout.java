package org.mgdspr.model.nn;

import ai.djl.ndarray.NDArray;

import java.util.SplittableRandom;

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
 * <p>Thread-safe: concurrent training passes draw from the one generator in turn.
 */
public final class SeededDropout {

    private final float rate;
    private final float keptScale;
    private final long keepBound;
    private final SplittableRandom random;

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
        this.random = new SplittableRandom(seed);
    }

    /** {@code x} itself outside training or at rate 0; otherwise {@code x} times a fresh mask of its shape. */
    public NDArray apply(NDArray x, boolean training) {
        if (!training || rate == 0f) {
            return x;
        }
        return x.mul(x.getManager().create(mask(Math.toIntExact(x.size())), x.getShape()));
    }

    synchronized float[] mask(int size) {
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
}
