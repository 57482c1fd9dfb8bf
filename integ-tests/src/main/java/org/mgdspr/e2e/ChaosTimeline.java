package org.mgdspr.e2e;

/**
 * The instants of a chaos run on the {@link System#nanoTime()} clock: the load starts, a node is killed, the cluster
 * is green again with that node restarted, the load stops. They split the run into three phases.
 */
final class ChaosTimeline {

    enum Phase {
        BEFORE("before"), DURING("during"), AFTER("after");

        final String label;

        Phase(String label) {
            this.label = label;
        }
    }

    private final long start = System.nanoTime();
    private volatile long killed = Long.MAX_VALUE;
    private volatile long recovered = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    void killed() {
        killed = System.nanoTime();
    }

    void recovered() {
        if (killed == Long.MAX_VALUE) {
            throw new IllegalStateException("the cluster cannot recover before a node was killed");
        }
        recovered = System.nanoTime();
    }

    void ended() {
        if (recovered == Long.MAX_VALUE) {
            throw new IllegalStateException("the load cannot end before the cluster recovered");
        }
        end = System.nanoTime();
    }

    Phase phaseOf(long nanos) {
        return nanos < killed ? Phase.BEFORE : nanos < recovered ? Phase.DURING : Phase.AFTER;
    }

    long startNanos(Phase phase) {
        return switch (phase) {
            case BEFORE -> start;
            case DURING -> killed;
            case AFTER -> recovered;
        };
    }

    long endNanos(Phase phase) {
        return switch (phase) {
            case BEFORE -> killed;
            case DURING -> recovered;
            case AFTER -> end;
        };
    }

    double seconds(Phase phase) {
        return (endNanos(phase) - startNanos(phase)) / 1e9;
    }

    /** Seconds from the kill until the cluster was green again. */
    double outageSeconds() {
        return seconds(Phase.DURING);
    }
}
