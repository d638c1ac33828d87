package dev.jgrad.autograd;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.op.Op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The engine: applies ops (recording the graph and propagating forward-mode tangents) and runs the
 * reverse sweep. Broadcast gradients are summed back to each input's shape here and only here.
 */
public final class Engine {

    /**
     * Set while a forward-mode rule runs: the primals it reads carry tangents themselves, and one tangent
     * level must not spawn another (that would recurse without end).
     */
    private static final ScopedValue<Boolean> IN_TANGENT_RULE = ScopedValue.newInstance();

    /**
     * True while a reverse sweep accumulates into {@code grad()} without building a graph: only then may an op
     * write a leaf's gradient straight into the leaf's kept storage ({@link #gradTarget}).
     */
    private static final ScopedValue<Boolean> INTO_LEAVES = ScopedValue.newInstance();

    private Engine() {
    }

    /**
     * The one choke point through which every op runs: promotes mixed dtypes, runs forward, prefixes
     * shape errors with the op's name, records a graph node when grad mode is on and an input requires
     * grad, and computes the output's tangent when an input carries one.
     */
    public static Tensor apply(Op op, Tensor... in) {
        in = promote(op, in);
        Tensor out;
        Profile profile = Profile.current();
        if (profile != null) {
            profile.enter();
        }
        try {
            out = op.compute(in);
        } catch (ShapeException e) {
            String name = op.name() + ":";
            throw e.getMessage() != null && e.getMessage().startsWith(name) ? e
                    : new ShapeException(op.name() + ": " + e.getMessage());
        } finally {
            if (profile != null) {
                profile.exitForward(op, in);
            }
        }
        boolean record = false;
        boolean tangents = false;
        boolean forwardMode = !IN_TANGENT_RULE.orElse(Boolean.FALSE);
        for (int i = 0; i < in.length; i++) {
            if (op.differentiable(i)) {
                record |= in[i].requiresGrad();
                tangents |= forwardMode && in[i].tangent() != null;
            }
        }
        record &= GradMode.isEnabled();
        boolean anomaly = Anomaly.isEnabled();
        if (!record && !tangents && !anomaly) {
            return out;
        }
        op.record(in, out, anomaly ? Anomaly.callSite() : null);
        if (record) {
            out.attach(op);
        }
        if (tangents) {
            Tensor[] t = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) {
                Tensor ti = in[i].tangent();
                t[i] = ti != null && op.differentiable(i) ? ti : Tensor.zeros(in[i].dtype(), in[i].shape());
            }
            Tensor tout = ScopedValue.where(IN_TANGENT_RULE, Boolean.TRUE).call(() -> op.tangent(t));
            if (tout != null) {
                out.setTangent(fit(tout, out));
            }
        }
        if (anomaly) {
            Anomaly.checkForward(op, in, out);
        }
        return out;
    }

    /** Mixed float32/float64 operands compute in float64; masks and indices (not differentiable) are left. */
    private static Tensor[] promote(Op op, Tensor[] in) {
        DType first = null;
        DType widest = null;
        boolean mixed = false;
        for (int i = 0; i < in.length; i++) {
            if (op.differentiable(i)) {
                first = first == null ? in[i].dtype() : first;
                mixed |= in[i].dtype() != first;
                widest = widest == null ? in[i].dtype() : DType.promote(widest, in[i].dtype());
            }
        }
        if (!mixed) {
            return in;
        }
        Tensor[] p = in.clone();
        for (int i = 0; i < in.length; i++) {
            if (op.differentiable(i)) {
                p[i] = in[i].to(widest);
            }
        }
        return p;
    }

    /** Brings a gradient or tangent to the shape and dtype of {@code like}: sums broadcast axes, or expands. */
    static Tensor fit(Tensor g, Tensor like) {
        int[] target = like.shape();
        if (g.dtype() != like.dtype()) {
            g = g.to(like.dtype());
        }
        int[] gs = g.shape();
        if (Arrays.equals(gs, target)) {
            return g;
        }
        if (Shape.broadcastsTo(gs, target)) {
            return g.expand(target);
        }
        if (!Shape.broadcastsTo(target, gs)) {
            throw new IllegalStateException("engine: gradient of shape " + Shape.format(gs)
                    + " does not fit a tensor of shape " + Shape.format(target));
        }
        int lead = gs.length - target.length;
        int[] axes = new int[gs.length];
        int k = 0;
        for (int i = 0; i < gs.length; i++) {
            if (i < lead || (target[i - lead] == 1 && gs[i] != 1)) {
                axes[k++] = i;
            }
        }
        return g.sum(Arrays.copyOf(axes, k), true).reshape(target);
    }

    /** Accumulates gradients of {@code root} into the {@code grad()} of every leaf that requires grad. */
    public static void backward(Tensor root, Tensor seed, boolean retainGraph, boolean createGraph) {
        Tensor s = checkSeed(root, seed);
        // A graph built from the backward pass refers to the forward graph, so createGraph retains it.
        GradMode.with(createGraph, () -> {
            sweep(root, s, null, retainGraph || createGraph);
            return null;
        });
    }

    /**
     * For an op's backward rule: where to write the whole gradient of its input {@code x}, or null to return a
     * new tensor as usual. Not null only while {@link #backward} runs without building a graph, for a leaf whose
     * gradient was cleared with its storage kept ({@code zeroGrad(false)}): the rule writes the gradient (x's
     * shape and dtype) into the returned contiguous tensor and returns that tensor as x's gradient, unchanged.
     */
    public static Tensor gradTarget(Tensor x) {
        if (!INTO_LEAVES.orElse(Boolean.FALSE) || x.gradFn() != null || !x.requiresGrad()) {
            return null;
        }
        return x.gradTarget();
    }

    /**
     * Gradients of {@code root} with respect to {@code inputs} (leaves or interior tensors), without
     * touching any {@code grad()}; an input the root does not depend on gets zeros.
     */
    public static Tensor[] grad(Tensor root, Tensor seed, Tensor[] inputs, boolean retainGraph, boolean createGraph) {
        Tensor s = checkSeed(root, seed);
        Map<Tensor, Tensor> wanted = new IdentityHashMap<>();
        for (Tensor x : inputs) {
            wanted.put(x, null);
        }
        GradMode.with(createGraph, () -> {
            sweep(root, s, wanted, retainGraph || createGraph);
            return null;
        });
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Tensor g = wanted.get(inputs[i]);
            out[i] = g != null ? g : Tensor.zeros(inputs[i].dtype(), inputs[i].shape());
        }
        return out;
    }

    private static Tensor checkSeed(Tensor root, Tensor seed) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the output " + root.describe() + " does not require grad"
                    + " (no input of the computation has requiresGrad(true), or it ran under noGrad)");
        }
        if (seed == null) {
            if (root.numel() != 1) {
                throw new ShapeException("backward: output has shape " + Shape.format(root.shape())
                        + "; pass a seed gradient of that shape");
            }
            return Tensor.ones(root.dtype(), root.shape());
        }
        if (!Arrays.equals(seed.shape(), root.shape())) {
            throw new ShapeException("backward: seed has shape " + Shape.format(seed.shape())
                    + " but the output has shape " + Shape.format(root.shape()));
        }
        return seed.dtype() == root.dtype() ? seed : seed.to(root.dtype());
    }

    /**
     * The reverse sweep over the recorded graph in reverse topological order. With {@code wanted} null,
     * gradients accumulate into leaves (and interior tensors that retain them); otherwise they are
     * collected into {@code wanted} only.
     */
    private static void sweep(Tensor root, Tensor seed, Map<Tensor, Tensor> wanted, boolean retainGraph) {
        // Bound for every sweep, so that one started from inside another's op (as grad() would be) says for itself.
        ScopedValue.where(INTO_LEAVES, wanted == null && !GradMode.isEnabled())
                .run(() -> sweepGraph(root, seed, wanted, retainGraph));
    }

    private static void sweepGraph(Tensor root, Tensor seed, Map<Tensor, Tensor> wanted, boolean retainGraph) {
        Profile profile = Profile.current();
        if (profile == null) {
            sweepGraph(root, seed, wanted, retainGraph, null);
            return;
        }
        profile.enterBackwardPass();
        try {
            sweepGraph(root, seed, wanted, retainGraph, profile);
        } finally {
            profile.exitBackwardPass();
        }
    }

    private static void sweepGraph(Tensor root, Tensor seed, Map<Tensor, Tensor> wanted, boolean retainGraph,
                                   Profile profile) {
        List<Tensor> order = topologicalOrder(root);
        Map<Tensor, Tensor> pending = new IdentityHashMap<>();
        if (root.gradFn() == null) {
            deliverLeaf(root, seed, wanted);
            return;
        }
        pending.put(root, seed);
        boolean anomaly = Anomaly.isEnabled();
        for (int n = order.size() - 1; n >= 0; n--) {
            Tensor t = order.get(n);
            Tensor g = pending.remove(t);
            if (g == null) {
                continue;
            }
            if (wanted != null) {
                if (wanted.containsKey(t)) {
                    wanted.merge(t, g, Tensor::add);
                }
            } else if (t.retainsGrad()) {
                t.accumulateGrad(g, GradMode.isEnabled());
            }
            Op op = t.gradFn();
            if (profile != null) {
                profile.enter();
            }
            Tensor[] ds;
            try {
                ds = anomaly ? Anomaly.backwardOf(op, () -> op.backward(g)) : op.backward(g);
            } finally {
                if (profile != null) {
                    profile.exitBackward(op);
                }
            }
            for (int i = 0; i < op.arity(); i++) {
                Tensor x = op.input(i);
                if (ds[i] == null || !op.differentiable(i) || !x.requiresGrad()) {
                    continue;
                }
                Tensor dx = fit(ds[i], x);
                if (anomaly) {
                    Anomaly.checkBackward(op, i, dx);
                }
                if (x.gradFn() == null) {
                    deliverLeaf(x, dx, wanted);
                } else {
                    pending.merge(x, dx, Tensor::add);
                }
            }
            if (!retainGraph) {
                op.release();
            }
        }
    }

    private static void deliverLeaf(Tensor leaf, Tensor g, Map<Tensor, Tensor> wanted) {
        if (wanted != null) {
            if (wanted.containsKey(leaf)) {
                wanted.merge(leaf, g, Tensor::add);
            }
        } else {
            leaf.accumulateGrad(g, GradMode.isEnabled());
        }
    }

    /**
     * Interior tensors reachable from root, each after all the tensors it depends on, the root last.
     */
    static List<Tensor> topologicalOrder(Tensor root) {
        if (root.gradFn() == null) {
            return new ArrayList<>();
        }
        return walk(root, c -> c.gradFn() != null && c.requiresGrad());
    }

    /**
     * Post-order depth-first walk from root through op inputs that {@code follow} accepts: each tensor
     * comes after the tensors it was computed from. Iterative with an explicit stack, so a graph a
     * million ops deep does not overflow.
     */
    static List<Tensor> walk(Tensor root, Predicate<Tensor> follow) {
        List<Tensor> order = new ArrayList<>();
        Map<Tensor, Boolean> visited = new IdentityHashMap<>();
        List<Tensor> stack = new ArrayList<>();
        int[] next = new int[16]; // next[k]: the input of stack[k]'s op to visit next
        stack.add(root);
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            int top = stack.size() - 1;
            Tensor t = stack.get(top);
            Op op = t.gradFn();
            if (op != null && next[top] < op.arity()) {
                Tensor c = op.input(next[top]++);
                if (follow.test(c) && visited.put(c, Boolean.TRUE) == null) {
                    stack.add(c);
                    if (stack.size() > next.length) {
                        next = Arrays.copyOf(next, next.length * 2);
                    }
                    next[stack.size() - 1] = 0;
                }
            } else {
                stack.remove(top);
                order.add(t);
            }
        }
        return order;
    }
}
