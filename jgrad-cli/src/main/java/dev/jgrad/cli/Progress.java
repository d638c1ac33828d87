package dev.jgrad.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress bar for one epoch: bar, percentage, running loss, throughput and ETA. On a terminal it
 * redraws one line; otherwise (logs, CI) it prints a line at each quarter of the epoch.
 */
final class Progress {

    private final PrintWriter out;
    private final boolean terminal;
    private final String label;
    private final int total;
    private final long start = System.nanoTime();
    private int lastQuarter;
    private long lastDraw;

    Progress(PrintWriter out, boolean terminal, String label, int total) {
        this.out = out;
        this.terminal = terminal;
        this.label = label;
        this.total = Math.max(total, 1);
    }

    /** Reports {@code done} of {@code total} steps, with the loss so far and the samples processed. */
    void update(int done, double runningLoss, long samples) {
        long now = System.nanoTime();
        double seconds = (now - start) / 1e9;
        int quarter = done * 4 / total;
        boolean last = done >= total;
        if (terminal) {
            if (!last && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            out.print("\r" + line(done, runningLoss, samples, seconds) + (last ? "\n" : ""));
        } else {
            if (quarter == lastQuarter && !last) {
                return;
            }
            lastQuarter = quarter;
            out.println(line(done, runningLoss, samples, seconds));
        }
        out.flush();
    }

    private String line(int done, double loss, long samples, double seconds) {
        int width = 24;
        int filled = (int) Math.round(width * (double) done / total);
        String bar = "=".repeat(Math.max(filled - 1, 0)) + (filled > 0 && done < total ? ">" : filled > 0 ? "=" : "")
                + " ".repeat(width - filled);
        double rate = seconds > 0 ? samples / seconds : 0;
        double eta = done > 0 ? seconds * (total - done) / done : 0;
        return String.format(Locale.ROOT, "%s [%s] %3d%% %d/%d loss %.4f %,.0f samples/s ETA %s", label, bar,
                done * 100 / total, done, total, loss, rate, clock(eta));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
