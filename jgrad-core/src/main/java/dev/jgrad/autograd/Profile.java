package dev.jgrad.autograd;

import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.op.Op;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An op-level profile: while it records, every op that the recording thread runs through the engine is timed,
 * its forward computation and, in a backward pass, its reverse rule, and the times are summed per op name and
 * input shapes. It answers where a training step's time goes, op by op, without an external profiler:
 *
 * <pre>
 * try (Profile p = Profile.start()) {
 *     for (...) { trainingStep(); }
 *     System.out.print(p.table(20));
 * }
 * </pre>
 *
 * <p>What is timed: the forward computation of each op ({@code forward}); each reverse rule during a backward
 * pass ({@code backward}), and the ops a backward pass runs between rules to sum a tensor's gradients or to
 * reduce a broadcast gradient to its input's shape (phase {@code backward}, op name followed by
 * {@code (gradients)}); each backward pass's own work outside those (ordering the graph, handing gradients
 * on, writing the leaves' gradients: phase {@code backward}, op {@code (the pass's own work)}); the optimizers'
 * updates ({@link dev.jgrad.optim.Optimizer#step}, phase {@code optimizer}); and regions the caller marks with
 * {@link #time}. Only the outermost of nested events counts: a reverse rule that runs other ops is one event,
 * its time including theirs. Work an op hands to the kernel threads is in its time; ops that other threads run
 * are not recorded. Time outside every event (the caller's own code, recording the graph during the forward
 * pass) is the table's last row.
 *
 * <p>Recording costs a clock read and a map update per op (about a microsecond with the shapes' text); when
 * no profile records, the engine pays one volatile read per op. One profile records per thread at a time.
 */
public final class Profile implements AutoCloseable {

    private static final ThreadLocal<Profile> CURRENT = new ThreadLocal<>();
    /** How many profiles are recording, on any thread: when none, the engine skips the thread-local. */
    private static volatile int recording;

    private final Thread owner;
    private final long started;
    private long stopped = -1;
    private final Map<Key, long[]> sums = new HashMap<>();  // {calls, nanos}
    private int depth;
    private long entered;
    private int backwardPasses;
    /** Nanoseconds of all outermost events so far; for the backward pass under way, its start and that sum then. */
    private long eventNanos;
    private long passStarted = -1;
    private long passEvents;

    private record Key(String phase, String op, String inputs) {
    }

    /** One row of the profile: the events with the same phase, name and inputs, summed. */
    public record Row(String phase, String op, String inputs, long calls, long nanos) {
        /** Mean time of one event, in nanoseconds. */
        public double meanNanos() {
            return calls == 0 ? 0 : (double) nanos / calls;
        }
    }

    private Profile(Thread owner) {
        this.owner = owner;
        this.started = System.nanoTime();
    }

    /**
     * Starts recording the ops the calling thread runs. Throws {@link IllegalStateException} when a profile is
     * already recording on this thread.
     */
    public static Profile start() {
        if (CURRENT.get() != null) {
            throw new IllegalStateException("Profile.start: a profile is already recording on thread '"
                    + Thread.currentThread().getName() + "' (stop it first)");
        }
        Profile p = new Profile(Thread.currentThread());
        CURRENT.set(p);
        synchronized (Profile.class) {
            recording++;
        }
        return p;
    }

    /** The profile recording on the calling thread, or null (what the engine checks once per op). */
    public static Profile current() {
        return recording == 0 ? null : CURRENT.get();
    }

    /**
     * Stops recording (a second call does nothing). Must be called on the thread that started it, which is
     * where its thread-local state lives.
     */
    public void stop() {
        if (stopped >= 0) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("Profile.stop: called on thread '" + Thread.currentThread().getName()
                    + "'; the profile records on thread '" + owner.getName() + "' and must be stopped there");
        }
        stopped = System.nanoTime();
        CURRENT.remove();
        synchronized (Profile.class) {
            recording--;
        }
    }

    /** The same as {@link #stop()}, for try-with-resources. */
    @Override
    public void close() {
        stop();
    }

    /** Whether this profile is still recording. */
    public boolean isRecording() {
        return stopped < 0;
    }

    /** Nanoseconds from start to stop, or to now while recording. */
    public long wallNanos() {
        return (stopped >= 0 ? stopped : System.nanoTime()) - started;
    }

    /**
     * Runs {@code body} as one event of phase {@code phase} named {@code name} (the ops it runs are inside it,
     * not rows of their own). On another thread than the recording one, or after the stop, it just runs body.
     */
    public void time(String phase, String name, Runnable body) {
        time(phase, name, () -> {
            body.run();
            return null;
        });
    }

    /** As {@link #time(String, String, Runnable)}, returning body's result. */
    public <T> T time(String phase, String name, Supplier<T> body) {
        if (Thread.currentThread() != owner || stopped >= 0) {
            return body.get();
        }
        enter();
        try {
            return body.get();
        } finally {
            long nanos = leave();
            if (nanos >= 0) {
                add(new Key(phase, name, ""), nanos);
            }
        }
    }

    /**
     * Runs {@code body} as an event of the profile recording on the calling thread ({@link #time}), or just
     * runs it when none records: how library code marks its regions (the {@link dev.jgrad.optim.Solver}'s
     * batches and accuracy passes).
     */
    public static <T> T region(String phase, String name, Supplier<T> body) {
        Profile p = current();
        return p == null ? body.get() : p.time(phase, name, body);
    }

    // ---- the engine's side ----

    void enter() {
        if (depth++ == 0) {
            entered = System.nanoTime();
        }
    }

    /** Ends an op's forward computation: in a backward pass, the op combines gradients. */
    void exitForward(Op op, Tensor[] inputs) {
        long nanos = leave();
        if (nanos >= 0) {
            boolean inBackward = backwardPasses > 0;
            add(new Key(inBackward ? "backward" : "forward", inBackward ? op.name() + " (gradients)" : op.name(),
                    shapes(inputs)), nanos);
        }
    }

    /** Ends an op's reverse rule. */
    void exitBackward(Op op) {
        long nanos = leave();
        if (nanos >= 0) {
            Tensor[] inputs = new Tensor[op.arity()];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = op.input(i);
            }
            add(new Key("backward", op.name(), shapes(inputs)), nanos);
        }
    }

    /**
     * Leaves an event: its nanoseconds when it was the outermost, else -1. The clock is read first, so the
     * row's text is not timed.
     */
    private long leave() {
        long end = System.nanoTime();
        return --depth == 0 ? end - entered : -1;
    }

    /** A backward pass starts; one that is not inside an event has its own bookkeeping timed too. */
    void enterBackwardPass() {
        if (backwardPasses++ == 0 && depth == 0) {
            passStarted = System.nanoTime();
            passEvents = eventNanos;
        }
    }

    /** A backward pass ends: its time outside the reverse rules and gradient sums becomes one event. */
    void exitBackwardPass() {
        if (--backwardPasses == 0 && passStarted >= 0) {
            long own = System.nanoTime() - passStarted - (eventNanos - passEvents);
            passStarted = -1;
            add(new Key("backward", PASS, ""), Math.max(0, own));
        }
    }

    /** The row of a backward pass's own work: ordering the graph, handing gradients on, writing leaves'. */
    static final String PASS = "(the pass's own work)";

    private void add(Key key, long nanos) {
        long[] s = sums.computeIfAbsent(key, k -> new long[2]);
        s[0]++;
        s[1] += nanos;
        eventNanos += nanos;
    }

    private static String shapes(Tensor[] inputs) {
        StringBuilder sb = new StringBuilder();
        for (Tensor t : inputs) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(Shape.format(t.shape()));
        }
        return sb.toString();
    }

    // ---- reading it ----

    /**
     * The rows, most time first. Safe to call while recording only on the recording thread; after
     * {@link #stop()}, on any thread that sees the stop.
     */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>(sums.size());
        for (Map.Entry<Key, long[]> e : sums.entrySet()) {
            Key k = e.getKey();
            rows.add(new Row(k.phase(), k.op(), k.inputs(), e.getValue()[0], e.getValue()[1]));
        }
        rows.sort(Comparator.comparingLong(Row::nanos).reversed()
                .thenComparing(Row::phase).thenComparing(Row::op).thenComparing(Row::inputs));
        return rows;
    }

    /** The whole profile as a text table; see {@link #table(int)}. */
    @Override
    public String toString() {
        return table(Integer.MAX_VALUE);
    }

    /**
     * A text table of the {@code maxRows} rows with the most time (the rest summed in one row), then the time
     * outside every event: phase, op, input shapes, calls, total milliseconds, mean microseconds, and the share
     * of the profile's wall time.
     */
    public String table(int maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("Profile.table: maxRows must be at least 1, got " + maxRows);
        }
        List<Row> rows = rows();
        long wall = wallNanos();
        long inEvents = 0;
        long events = 0;
        for (Row r : rows) {
            inEvents += r.nanos();
            events += r.calls();
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[]{"phase", "op", "inputs", "calls", "total ms", "mean us", "share"});
        long restCalls = 0;
        long restNanos = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (i < maxRows) {
                cells.add(cells(r.phase(), r.op(), r.inputs(), r.calls(), r.nanos(), wall));
            } else {
                restCalls += r.calls();
                restNanos += r.nanos();
            }
        }
        if (rows.size() > maxRows) {
            cells.add(cells("", "(" + (rows.size() - maxRows) + " more rows)", "", restCalls, restNanos, wall));
        }
        String[] outside = cells("", "(outside the events)", "", 0, Math.max(0, wall - inEvents), wall);
        outside[3] = "";
        outside[5] = "";
        cells.add(outside);
        int[] width = new int[7];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "profile of thread '%s': %.3f s, %,d events%s%n", owner.getName(),
                wall / 1e9, events, stopped >= 0 ? "" : " (still recording)"));
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                boolean number = c >= 3;
                String pad = " ".repeat(width[c] - row[c].length());
                sb.append(c == 0 ? "" : "  ").append(number ? pad + row[c] : row[c] + (c == row.length - 1 ? "" : pad));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString().replaceAll(" +(\\R)", "$1");
    }

    private static String[] cells(String phase, String op, String inputs, long calls, long nanos, long wall) {
        return new String[]{phase, op, inputs, String.format(Locale.ROOT, "%,d", calls),
                String.format(Locale.ROOT, "%.3f", nanos / 1e6),
                calls == 0 ? "" : String.format(Locale.ROOT, "%.1f", nanos / 1e3 / calls),
                String.format(Locale.ROOT, "%.1f%%", wall == 0 ? 0 : 100.0 * nanos / wall)};
    }
}
