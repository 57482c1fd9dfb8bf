package org.mgdspr.model.nn;

import java.nio.charset.StandardCharsets;

/** Derives independent, reproducible seeds from a model seed and a stable key (a name or a row number). */
public final class Seeds {

    private Seeds() {}

    /** SplitMix64 finaliser of {@code seed + key * golden}; neighbouring keys give unrelated seeds. */
    public static long mix(long seed, long key) {
        long z = seed + (key + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Keyed by a name through a 64-bit FNV-1a hash, which unlike {@link String#hashCode()} rarely collides. */
    public static long mix(long seed, String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return mix(seed, hash);
    }
}
