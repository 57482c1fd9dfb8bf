package org.mgdspr.e2e;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * Times the phases of a run and records the machine's 1-minute load average before and after each, with the CPU
 * model and core count, as the {@code machine} object of report.json. Not thread-safe.
 */
final class MeasuredPhases {

    /** A phase of the run; it may fail, and then records nothing. */
    @FunctionalInterface
    interface Phase {
        void run() throws Exception;
    }

    private final MachineLoad machine;
    private final JsonObject phases = new JsonObject();
    private final long start = System.nanoTime();

    MeasuredPhases(MachineLoad machine) {
        this.machine = machine;
    }

    void run(String name, Phase phase) throws Exception {
        if (phases.has(name)) {
            throw new IllegalArgumentException("phase [" + name + "] was already measured");
        }
        double loadBefore = machine.oneMinute();
        long phaseStart = System.nanoTime();
        phase.run();
        JsonObject record = new JsonObject();
        record.addProperty("seconds", (System.nanoTime() - phaseStart) / 1e9);
        record.add("load_before", finiteOrNull(loadBefore));
        record.add("load_after", finiteOrNull(machine.oneMinute()));
        phases.add(name, record);
    }

    /** The machine and every phase measured so far, with the seconds since this object was made. */
    JsonObject toJson() {
        JsonObject json = new JsonObject();
        json.addProperty("cpu_model", machine.cpuModel());
        json.addProperty("cores", machine.cores());
        json.addProperty("wall_seconds", (System.nanoTime() - start) / 1e9);
        json.add("phases", phases.deepCopy());
        return json;
    }

    /** report.json is strict JSON: a load that could not be read is null, not NaN. */
    private static JsonElement finiteOrNull(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
    }
}
