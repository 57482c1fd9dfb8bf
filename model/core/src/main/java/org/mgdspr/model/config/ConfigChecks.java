package org.mgdspr.model.config;

import java.util.Arrays;

/** Invariant checks shared by the config records; every message names the offending key. */
final class ConfigChecks {

    private ConfigChecks() {}

    static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + " must be >= " + min + " but was " + value);
        }
    }

    static void requireInRange(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "] but was " + value);
        }
    }

    static void requirePositive(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a positive finite number but was " + value);
        }
    }

    static void requireOneOf(String key, String value, String... allowed) {
        if (value == null || !Arrays.asList(allowed).contains(value)) {
            throw new IllegalArgumentException(key + " must be one of " + Arrays.toString(allowed) + " but was " + value);
        }
    }
}
