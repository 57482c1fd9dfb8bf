package org.mgdspr.e2e;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineLoadTest {

    @TempDir
    Path dir;

    @Test
    void readsTheOneMinuteLoadAndTheCpuModel() throws IOException {
        Path loadavg = Files.writeString(dir.resolve("loadavg"), "1.52 0.98 0.61 3/811 40217\n");
        Path cpuinfo = Files.writeString(dir.resolve("cpuinfo"), """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
            processor\t: 1
            model name\t: Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz
            """);

        MachineLoad machine = new MachineLoad(loadavg, cpuinfo);

        assertEquals(1.52, machine.oneMinute());
        assertEquals("Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz", machine.cpuModel());
        assertTrue(machine.cores() >= 1);
    }

    @Test
    void aMachineWithoutProcReportsUnknownsInsteadOfFailing() {
        MachineLoad machine = new MachineLoad(dir.resolve("absent-loadavg"), dir.resolve("absent-cpuinfo"));

        assertTrue(Double.isNaN(machine.oneMinute()));
        assertEquals("unknown", machine.cpuModel());
    }

    @Test
    void aLoadFileInAnotherFormatIsAnError() throws IOException {
        Path loadavg = Files.writeString(dir.resolve("loadavg"), "busy\n");

        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> new MachineLoad(loadavg, dir.resolve("cpuinfo")).oneMinute());
        assertTrue(e.getMessage().contains("[busy]"), e.getMessage());
    }

    @Test
    void phasesRecordTheLoadBeforeAndAfterAndTheirTime() throws Exception {
        Path loadavg = Files.writeString(dir.resolve("loadavg"), "0.50 0.40 0.30 1/100 1\n");
        MeasuredPhases phases = new MeasuredPhases(new MachineLoad(loadavg, dir.resolve("absent-cpuinfo")));

        phases.run("quality", () -> Files.writeString(loadavg, "2.25 0.40 0.30 1/100 1\n"));
        JsonObject json = phases.toJson();

        JsonObject quality = json.getAsJsonObject("phases").getAsJsonObject("quality");
        assertEquals(0.50, quality.get("load_before").getAsDouble());
        assertEquals(2.25, quality.get("load_after").getAsDouble());
        assertTrue(quality.get("seconds").getAsDouble() >= 0);
        assertEquals("unknown", json.get("cpu_model").getAsString());
        assertEquals(Runtime.getRuntime().availableProcessors(), json.get("cores").getAsInt());
        assertTrue(json.get("wall_seconds").getAsDouble() >= quality.get("seconds").getAsDouble());
    }

    @Test
    void anUnreadableLoadIsNullInTheJsonAndAFailedPhaseRecordsNothing() throws Exception {
        MeasuredPhases phases = new MeasuredPhases(new MachineLoad(dir.resolve("absent"), dir.resolve("absent")));

        phases.run("ingest", () -> {});
        assertThrows(IllegalStateException.class, () -> phases.run("speed", () -> {
            throw new IllegalStateException("node gone");
        }));

        JsonObject recorded = phases.toJson().getAsJsonObject("phases");
        assertTrue(recorded.getAsJsonObject("ingest").get("load_before").isJsonNull());
        assertFalse(recorded.has("speed"));
        assertThrows(IllegalArgumentException.class, () -> phases.run("ingest", () -> {}));
    }
}
