package dev.jgrad.optim;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.GradMode;
import dev.jgrad.autograd.Profile;
import dev.jgrad.backend.Parallel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * p &lt;- update(p, dp): changes every parameter that has a gradient, in place, without building a graph.
 *
 * <p>Parameters are contiguous leaf tensors that require grad (what {@code Module.parameters()} returns).
 * {@link #step()} writes the new values into each parameter's own storage, so the tensors a model holds
 * see them; parameters whose {@code grad()} is null are left alone (their state does not advance).
 *
 * <p>Precision: a subclass's rule runs in double. Optimizer state (momentum buffers, moment estimates)
 * is kept in double for float32 parameters too, and a float32 parameter is updated in chunks of a
 * few thousand values: read into a double scratch buffer, updated there and rounded back to float32 (or,
 * for SGD with momentum and Adam, by the backend's float32 kernel for the rule, with the same result). The
 * state arrays and the per-thread scratch buffers are allocated once, and a gradient is copied only when it
 * is not contiguous. A large parameter is split across the worker threads ({@code -Djgrad.threads}).
 *
 * <p>{@link #state()} and {@link #loadState} snapshot and restore everything the next step depends on:
 * {@code "lr"}, {@code "step"} (the number of {@code step()} calls), and per parameter {@code i}:
 * {@code "i.step"} (updates applied to it) and {@code "i.<buffer>"} for each state buffer of the rule.
 * Not thread-safe: step one optimizer from one thread at a time.
 */
public abstract class Optimizer {

    private final String name;
    private final List<Tensor> params;
    private final String[] bufferNames;
    private final double[][][] buffers; // [param][buffer] -> one double per element
    private final long[] counts;
    private long steps;
    private double lr;

    /** Elements per chunk of a float32 update: two double scratch buffers of 16 KiB each. */
    private static final int CHUNK = 2048;
    /** Per-thread scratch for a chunk of parameter values and of gradient values. */
    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[2][CHUNK]);
    /**
     * A parameter with at least this many elements per thread is split across the threads. A split itself is
     * cheap (the worker spins between a training step's ops); what decides is where the data is. On a machine
     * whose two cores share no cache (this project's VM: 0.4 us for a cache line to go there and back), a
     * layer's gradient comes from a product that the GEMM split by rows when it was large enough, so its
     * halves sit in the two cores' caches; one thread updating all of it fetched the other half first.
     * mlp256's first layer (200K values): the update took 171-177 us a step at two threads serial, 111-117
     * split (50-80 us at one thread). Below this size the product was not split either, and splitting the
     * update moved data instead (mlp100's step, its 78K-value layer split: 0.39-0.43 ms against 0.35-0.38).
     */
    private static final int PARALLEL_MIN = 64 * 1024;

    /**
     * Checks the parameters and allocates {@code bufferNames.length} zeroed state buffers per parameter.
     *
     * @param name the optimizer's name, prefixed to its error messages
     */
    protected Optimizer(String name, List<Tensor> params, double lr, String... bufferNames) {
        this.name = name;
        this.params = List.copyOf(checkParams(name, params));
        this.bufferNames = bufferNames.clone();
        this.buffers = new double[this.params.size()][bufferNames.length][];
        for (int i = 0; i < buffers.length; i++) {
            for (int k = 0; k < bufferNames.length; k++) {
                buffers[i][k] = new double[this.params.get(i).numel()];
            }
        }
        this.counts = new long[this.params.size()];
        setLr(lr);
    }

    private static List<Tensor> checkParams(String name, List<Tensor> params) {
        if (params == null) {
            throw new IllegalArgumentException(name + ": params is null");
        }
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p == null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " is null");
            }
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " " + p.describe()
                        + " is not a leaf tensor (it is the output of an op; optimize a leaf, such as"
                        + " x.detach().requiresGrad(true))");
            }
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " " + p.describe()
                        + " does not require grad (call requiresGrad(true) on it)");
            }
            Integer before = seen.put(p, i);
            if (before != null) {
                throw new IllegalArgumentException(name + ": parameter " + i + " " + p.describe()
                        + " is the same tensor as parameter " + before + " (it would be updated twice)");
            }
        }
        return params;
    }

    /**
     * Applies the rule to {@code n} values of parameter {@code index}: reads {@code g[go + i]} and
     * updates {@code p[po + i]} in place; the matching element of each state buffer is {@code so + i}
     * (the rule may be called on a parameter in several ranges, and on several parameters and ranges
     * concurrently from worker threads: it must touch only its own range). Read {@code g[go + i]} before
     * writing {@code p[po + i]}.
     *
     * @param t how many updates this parameter has had, this one included (1 on the first)
     */
    protected abstract void update(int index, double[] p, int po, double[] g, int go, int so, int n, long t);

    /**
     * The rule on float32 values, for a rule that has a float32 kernel ({@link dev.jgrad.backend.Kernels}'s
     * optimizer section): updates {@code p[po + i]} from {@code g[go + i]} as {@link #update} would after
     * widening both to double, and returns true; or returns false, and the values go through {@link #update}
     * in double chunks. The arguments are as for {@link #update}.
     */
    protected boolean update32(int index, float[] p, int po, float[] g, int go, int so, int n, long t) {
        return false;
    }

    /** State buffer {@code k} (in the order given to the constructor) of parameter {@code index}. */
    protected final double[] buffer(int index, int k) {
        return buffers[index][k];
    }

    /**
     * Updates every parameter that has a gradient: in one parallel job when any is large enough to split
     * (each large parameter cut into one contiguous part per thread, each small one updated whole by part
     * {@code i % threads}), so a step hands work to the threads once, not once per parameter.
     */
    public final void step() {
        Profile profile = Profile.current();
        if (profile != null) {
            profile.time("optimizer", name + ".step", this::updateAll);
        } else {
            updateAll();
        }
    }

    private void updateAll() {
        for (int i = 0; i < params.size(); i++) {
            check(i); // all checks before any write, so a failing step changes nothing
        }
        int n = params.size();
        Tensor[] grads = new Tensor[n];
        boolean split = false;
        int parts = Parallel.threads();
        for (int i = 0; i < n; i++) {
            Tensor g = params.get(i).grad();
            if (g != null) {
                counts[i]++;
                grads[i] = g.isContiguous() ? g : GradMode.noGrad((Supplier<Tensor>) g::contiguous);
                split |= parts > 1 && g.numel() / parts >= PARALLEL_MIN;
            }
        }
        if (!split) {
            for (int i = 0; i < n; i++) {
                if (grads[i] != null) {
                    updateRange(i, params.get(i), grads[i], 0, grads[i].numel());
                }
            }
        } else {
            Parallel.forEach(parts, part -> {
                for (int i = 0; i < n; i++) {
                    Tensor g = grads[i];
                    if (g == null) {
                        continue;
                    }
                    int size = g.numel();
                    if (size / parts >= PARALLEL_MIN) {
                        updateRange(i, params.get(i), g, (int) ((long) size * part / parts),
                                (int) ((long) size * (part + 1) / parts));
                    } else if (i % parts == part) {
                        updateRange(i, params.get(i), g, 0, size);
                    }
                }
            });
        }
        steps++;
    }

    private void check(int i) {
        Tensor p = params.get(i);
        Tensor g = p.grad();
        if (g == null) {
            return;
        }
        if (!p.isContiguous()) {
            throw new IllegalStateException(name + ": parameter " + i + " " + p.describe() + " is not contiguous;"
                    + " optimizers write into the parameter's storage (make it a contiguous leaf:"
                    + " x.contiguous().detach().requiresGrad(true))");
        }
        boolean same = g.rank() == p.rank();
        for (int a = 0; same && a < p.rank(); a++) {
            same = g.size(a) == p.size(a);
        }
        if (!same) {
            throw new IllegalStateException(name + ": parameter " + i + " has shape " + Shape.format(p.shape())
                    + " but its gradient has shape " + Shape.format(g.shape()));
        }
    }

    /** Applies the rule to elements [from, to) of parameter i. */
    private void updateRange(int i, Tensor p, Tensor g, int from, int to) {
        if (p.dtype() == DType.FLOAT64 && g.dtype() == DType.FLOAT64) {
            update(i, p.f64(), p.offset() + from, g.f64(), g.offset() + from, from, to - from, counts[i]);
            return;
        }
        if (p.dtype() == DType.FLOAT32 && g.dtype() == DType.FLOAT32
                && update32(i, p.f32(), p.offset() + from, g.f32(), g.offset() + from, from, to - from, counts[i])) {
            return;
        }
        // Mixed or float32: the rule runs in double over chunks small enough to stay in L1, converted on
        // the way in and rounded on the way out, so the scratch is touched while it is still cached.
        double[][] scratch = SCRATCH.get();
        double[] ps = scratch[0];
        for (int start = from; start < to; start += CHUNK) {
            int len = Math.min(CHUNK, to - start);
            double[] gs = toDouble(g, start, len, scratch[1]);
            if (p.dtype() == DType.FLOAT64) {
                update(i, p.f64(), p.offset() + start, gs, 0, start, len, counts[i]);
                continue;
            }
            float[] pf = p.f32();
            int po = p.offset() + start;
            for (int j = 0; j < len; j++) {
                ps[j] = pf[po + j];
            }
            update(i, ps, 0, gs, 0, start, len, counts[i]);
            for (int j = 0; j < len; j++) {
                pf[po + j] = (float) ps[j];
            }
        }
    }

    /** Values [from, from + len) of a contiguous gradient as doubles, in {@code dst}. */
    private static double[] toDouble(Tensor g, int from, int len, double[] dst) {
        if (g.dtype() == DType.FLOAT64) {
            System.arraycopy(g.f64(), g.offset() + from, dst, 0, len);
        } else {
            float[] gf = g.f32();
            int go = g.offset() + from;
            for (int j = 0; j < len; j++) {
                dst[j] = gf[go + j];
            }
        }
        return dst;
    }

    /** Clears every parameter's gradient (sets it to null, as PyTorch's default {@code set_to_none}). */
    public final void zeroGrad() {
        zeroGrad(true);
    }

    /**
     * Clears every parameter's gradient: sets it to null when {@code setToNone}, else keeps its storage for the
     * next backward pass to write into ({@link Tensor#zeroGrad(boolean)}), which spares a training loop
     * allocating its weight gradients every step. With kept storage, a parameter the next backward pass does not
     * reach has a gradient of zeros, not null, and {@link #step()} updates it (momentum and weight decay act).
     */
    public final void zeroGrad(boolean setToNone) {
        for (Tensor p : params) {
            p.zeroGrad(setToNone);
        }
    }

    /** The learning rate the next step uses. */
    public final double lr() {
        return lr;
    }

    /** Sets the learning rate (what schedules call); it must be finite and non-negative. */
    public final void setLr(double lr) {
        this.lr = Fmt.atLeast(name, "lr", lr, 0);
    }

    /** The parameters, in the order given (an unmodifiable list). */
    public final List<Tensor> params() {
        return params;
    }

    /** How many times {@link #step()} has run. */
    public final long steps() {
        return steps;
    }

    /** The names of the per-parameter state buffers, such as {@code momentum} or {@code expAvg}. */
    public final List<String> bufferNames() {
        return List.of(bufferNames);
    }

    /** A snapshot (copies) of the state, in a stable key order; see the class comment for the keys. */
    public final Map<String, double[]> state() {
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("lr", new double[]{lr});
        out.put("step", new double[]{steps});
        for (int i = 0; i < params.size(); i++) {
            out.put(i + ".step", new double[]{counts[i]});
            for (int k = 0; k < bufferNames.length; k++) {
                out.put(i + "." + bufferNames[k], buffers[i][k].clone());
            }
        }
        return out;
    }

    /** Restores a snapshot from {@link #state()}; the keys and sizes must match exactly, else nothing changes. */
    public final void loadState(Map<String, double[]> state) {
        Map<String, double[]> expected = state();
        List<String> unknown = new ArrayList<>();
        for (String key : state.keySet()) {
            if (!expected.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(name + ": loadState: unknown keys " + unknown
                    + " (expected " + expected.keySet() + "; was the state saved from another optimizer?)");
        }
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            double[] v = state.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException(name + ": loadState: missing key '" + e.getKey() + "'");
            }
            if (v.length != e.getValue().length) {
                throw new IllegalArgumentException(name + ": loadState: '" + e.getKey() + "' has " + v.length
                        + " values, expected " + e.getValue().length);
            }
            boolean count = e.getKey().equals("step") || e.getKey().endsWith(".step");
            if (count && !(v[0] >= 0 && v[0] == Math.rint(v[0]))) {
                throw new IllegalArgumentException(name + ": loadState: '" + e.getKey()
                        + "' must be a non-negative whole number, got " + v[0]);
            }
        }
        setLr(state.get("lr")[0]);
        steps = (long) state.get("step")[0];
        for (int i = 0; i < params.size(); i++) {
            counts[i] = (long) state.get(i + ".step")[0];
            for (int k = 0; k < bufferNames.length; k++) {
                double[] v = state.get(i + "." + bufferNames[k]);
                System.arraycopy(v, 0, buffers[i][k], 0, v.length);
            }
        }
    }
}
