package dev.jgrad.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times a stretch of work and measures how much CPU other processes used meanwhile: the machine is shared,
 * so a measurement taken while something else ran is flagged rather than trusted. The other processes'
 * share is (busy ticks of the whole machine - this process's CPU time) / (wall time x cores), as in the
 * peer scripts; 0 where {@code /proc/stat} cannot be read.
 */
final class CpuMonitor {

    /** A finished measurement. */
    record Sample(double wallSeconds, double otherFraction) {

        /**
         * Whether other processes stayed at or under a tenth of the machine, the peer scripts' rule for a
         * repetition to count.
         */
        boolean clean() {
            return otherFraction <= 0.10;
        }
    }

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private final long wallStart;
    private final double busyStart;
    private final double selfStart;

    private CpuMonitor() {
        this.busyStart = machineBusySeconds();
        this.selfStart = processCpuSeconds();
        this.wallStart = System.nanoTime();
    }

    static CpuMonitor start() {
        return new CpuMonitor();
    }

    Sample stop() {
        double wall = (System.nanoTime() - wallStart) / 1e9;
        double busy = machineBusySeconds() - busyStart;
        double self = processCpuSeconds() - selfStart;
        int cores = Runtime.getRuntime().availableProcessors();
        double other = busyStart < 0 ? 0 : Math.max(0, (busy - self) / (wall * cores));
        return new Sample(wall, other);
    }

    /** Seconds the machine's cores were busy since boot (all but idle and iowait), or -1. */
    static double machineBusySeconds() {
        try {
            String first = Files.readAllLines(Path.of("/proc/stat")).getFirst();
            String[] f = first.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds this JVM used (all threads, the compiler and collector included). */
    static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }
}
