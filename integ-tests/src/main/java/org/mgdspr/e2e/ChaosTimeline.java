package org.mgdspr.e2e;

/**
 * The instants of a chaos run on the {@link System#nanoTime()} clock: the load starts, a node is killed, the cluster
 * is green again with that node restarted, the load stops. A request belongs to the phase it ran in; one that was
 * in flight when the node died has a phase of its own, since the kill can only fail requests it interrupts there.
 */
final class ChaosTimeline {

    enum Phase {
        BEFORE("before", true), AT_KILL("in flight at the kill", false), DURING("during", true),
        AFTER("after", true);

        final String label;
        /** A window of the run's time, with a throughput; the requests in flight at the kill are no window. */
        final boolean windowed;

        Phase(String label, boolean windowed) {
            this.label = label;
            this.windowed = windowed;
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

    /** The phase of a request that started and ended at these instants. */
    Phase phaseOf(long startNanos, long endNanos) {
        if (startNanos < killed) {
            return endNanos < killed ? Phase.BEFORE : Phase.AT_KILL;
        }
        return startNanos < recovered ? Phase.DURING : Phase.AFTER;
    }

    long startNanos(Phase phase) {
        return switch (phase) {
            case BEFORE -> start;
            case AT_KILL, DURING -> killed;
            case AFTER -> recovered;
        };
    }

    long endNanos(Phase phase) {
        return switch (phase) {
            case BEFORE, AT_KILL -> killed;
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
