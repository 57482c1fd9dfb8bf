package org.mgdspr.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine the measurements ran on, read from Linux's {@code /proc}: the CPU model, the cores the JVM may use,
 * and the 1-minute load average, which the report records around each measured phase because latencies move by 2x
 * when other work shares the cores.
 */
final class MachineLoad {

    static final Path PROC_LOADAVG = Path.of("/proc/loadavg");
    static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    private final Path loadavg;
    private final Path cpuinfo;

    MachineLoad(Path loadavg, Path cpuinfo) {
        this.loadavg = loadavg;
        this.cpuinfo = cpuinfo;
    }

    static MachineLoad linux() {
        return new MachineLoad(PROC_LOADAVG, PROC_CPUINFO);
    }

    /** The 1-minute load average (the first field of /proc/loadavg), or NaN where the file does not exist. */
    double oneMinute() {
        if (!Files.isReadable(loadavg)) {
            return Double.NaN;
        }
        String text = read(loadavg).trim();
        String first = text.split("\\s+", 2)[0];
        try {
            return Double.parseDouble(first);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(loadavg + " does not start with a load average: [" + text + "]", e);
        }
    }

    /** The first {@code model name} of /proc/cpuinfo, or "unknown" where there is none. */
    String cpuModel() {
        if (!Files.isReadable(cpuinfo)) {
            return "unknown";
        }
        List<String> lines = read(cpuinfo).lines().toList();
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                return line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    /** The cores this JVM may use (its container's or affinity's limit, not the host's socket count). */
    int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
