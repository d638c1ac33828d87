package dev.jgrad;

import dev.jgrad.autograd.Engine;
import dev.jgrad.op.*;

import java.util.SplittableRandom;

/**
 * An n-dimensional array of float32 or float64 values that records the ops applied to it, so that
 * {@link #backward()} can apply the chain rule through them.
 *
 * <p>Storage is a primitive array in row-major order with strides and an offset; views (reshape of a
 * contiguous tensor, permute, transpose, expand, slice) share it. Binary ops broadcast as NumPy does.
 * Tensors are values: every op returns a new tensor and never changes its inputs. What writes into existing
 * storage: an optimizer's step (the parameters), and a backward pass into a gradient cleared with
 * {@link #zeroGrad(boolean) zeroGrad(false)}.
 *
 * <p>Example, the lecture's {@code f = (x + y) z}:
 * <pre>{@code
 * Tensor x = Tensor.scalar(-2).requiresGrad(true);
 * Tensor y = Tensor.scalar(5).requiresGrad(true);
 * Tensor z = Tensor.scalar(-4).requiresGrad(true);
 * Tensor f = x.add(y).mul(z);   // -12
 * f.backward();                 // x.grad() = -4, y.grad() = -4, z.grad() = 3
 * }</pre>
 */
public final class Tensor {

    private final DType dtype;
    private final double[] d;
    private final float[] f;
    private final int[] shape;
    private final int[] strides;
    private final int offset;

    private boolean requiresGrad;
    private Op gradFn;
    private Tensor grad;
    private GradStorage gradStorage = GradStorage.SHARED;
    private Tensor tangent;
    private boolean retainGrad;
    private String label;

    private Tensor(double[] d, float[] f, int[] shape, int[] strides, int offset) {
        this.dtype = d != null ? DType.FLOAT64 : DType.FLOAT32;
        this.d = d;
        this.f = f;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    // ---------------------------------------------------------------- factories

    /** A float64 tensor holding a copy of {@code data} in row-major order. */
    public static Tensor of(double[] data, int... shape) {
        int[] s = checkedShape("of", data.length, shape);
        return new Tensor(data.clone(), null, s, Shape.contiguousStrides(s), 0);
    }

    /** A float32 tensor holding a copy of {@code data} in row-major order. */
    public static Tensor of(float[] data, int... shape) {
        int[] s = checkedShape("of", data.length, shape);
        return new Tensor(null, data.clone(), s, Shape.contiguousStrides(s), 0);
    }

    /** A 1-d float64 tensor of the given values. */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    private static int[] checkedShape(String op, int length, int[] shape) {
        int[] s = Shape.check(op, shape);
        if (Shape.numel(s) != length) {
            throw new ShapeException(op + ": " + length + " values do not fill shape " + Shape.format(s)
                    + " (" + Shape.numel(s) + " elements)");
        }
        return s;
    }

    /** A 0-d float64 tensor. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[]{value}, null, new int[0], new int[0], 0);
    }

    /** A 0-d tensor of the given dtype. */
    public static Tensor scalar(double value, DType dtype) {
        return full(dtype, value);
    }

    /** Zeros, float64. */
    public static Tensor zeros(int... shape) {
        return full(DType.FLOAT64, 0, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return full(dtype, 0, shape);
    }

    /** Ones, float64. */
    public static Tensor ones(int... shape) {
        return full(DType.FLOAT64, 1, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(dtype, 1, shape);
    }

    /** Every element equal to {@code value}. */
    public static Tensor full(DType dtype, double value, int... shape) {
        int[] s = Shape.check("full", shape);
        int n = Shape.numel(s);
        if (dtype == DType.FLOAT64) {
            double[] a = new double[n];
            if (value != 0) {
                java.util.Arrays.fill(a, value);
            }
            return wrap(a, s);
        }
        float[] a = new float[n];
        if (value != 0) {
            java.util.Arrays.fill(a, (float) value);
        }
        return wrap(a, s);
    }

    /** 0, 1, ..., n-1 as float64. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** start, start + step, ... below end (above it for a negative step), float64. */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = start + i * step;
        }
        return wrap(a, new int[]{n});
    }

    /** Uniform values in [0, 1) from the given generator, float64. */
    public static Tensor rand(SplittableRandom rng, int... shape) {
        int[] s = Shape.check("rand", shape);
        double[] a = new double[Shape.numel(s)];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble();
        }
        return wrap(a, s);
    }

    /** Standard normal values from the given generator, float64. */
    public static Tensor randn(SplittableRandom rng, int... shape) {
        int[] s = Shape.check("randn", shape);
        double[] a = new double[Shape.numel(s)];
        for (int i = 0; i < a.length; i++) {
            a[i] = gaussian(rng);
        }
        return wrap(a, s);
    }

    /** A standard normal sample (Box-Muller on the given generator). */
    public static double gaussian(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** The n x n identity, float64. */
    public static Tensor eye(int n) {
        Shape.check("eye", new int[]{n});
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            a[i * n + i] = 1;
        }
        return wrap(a, new int[]{n, n});
    }

    /** Rows of one-hot vectors: shape [labels.length, classes], float64. */
    public static Tensor oneHot(int[] labels, int classes) {
        double[] a = new double[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("oneHot: label " + labels[i] + " at index " + i
                        + " is outside [0, " + classes + ")");
            }
            a[i * classes + labels[i]] = 1;
        }
        return wrap(a, new int[]{labels.length, classes});
    }

    /** Stacks tensors of one shape along a new axis. */
    public static Tensor stack(int axis, Tensor... xs) {
        return Concat.stack(axis, xs);
    }

    /** Joins tensors along an existing axis. */
    public static Tensor concat(int axis, Tensor... xs) {
        return Concat.apply(axis, xs);
    }

    /** Elementwise {@code cond != 0 ? a : b}; gradients flow to a and b, not to the mask. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Where.apply(cond, a, b);
    }

    // ---------------------------------------------------------------- accessors

    /** The shape, a copy. */
    public int[] shape() {
        return shape.clone();
    }

    /** Size of one axis (negative counts from the end). */
    public int size(int axis) {
        return shape[Shape.axis("size", axis, shape.length)];
    }

    public int rank() {
        return shape.length;
    }

    public int numel() {
        return Shape.numel(shape);
    }

    public DType dtype() {
        return dtype;
    }

    /** The value of a tensor with exactly one element. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor has shape " + Shape.format(shape)
                    + "; item() needs exactly one element");
        }
        return dtype == DType.FLOAT64 ? d[offset] : f[offset];
    }

    /** The element at a multi-index. */
    public double at(int... index) {
        if (index.length != shape.length) {
            throw new ShapeException("at: index of rank " + index.length + " for shape " + Shape.format(shape));
        }
        int p = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IndexOutOfBoundsException("at: index " + java.util.Arrays.toString(index)
                        + " is out of bounds for shape " + Shape.format(shape));
            }
            p += index[i] * strides[i];
        }
        return dtype == DType.FLOAT64 ? d[p] : f[p];
    }

    /** The values in row-major order, as doubles (a copy). */
    public double[] toDoubleArray() {
        Tensor c = Compute.contiguous(this);
        double[] out = new double[c.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.dtype == DType.FLOAT64 ? c.d[c.offset + i] : c.f[c.offset + i];
        }
        return out;
    }

    /** The values in row-major order, as floats (a copy). */
    public float[] toFloatArray() {
        Tensor c = Compute.contiguous(this);
        float[] out = new float[c.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.dtype == DType.FLOAT64 ? (float) c.d[c.offset + i] : c.f[c.offset + i];
        }
        return out;
    }

    // ---------------------------------------------------------------- autograd state

    /** Marks this tensor as a leaf whose gradient backward() accumulates; returns this tensor. */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new IllegalStateException("requiresGrad: " + this.describe()
                    + " is the output of an op; use detach() to stop gradients");
        }
        this.requiresGrad = value;
        return this;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether this tensor was created by the user rather than by an op that records gradients. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * The accumulated gradient, or {@code null} before any backward pass reached this tensor (and after
     * {@link #zeroGrad()}). After {@link #zeroGrad(boolean) zeroGrad(false)} it is the same tensor, read as zeros
     * until the next backward pass writes into it.
     */
    public Tensor grad() {
        if (gradStorage == GradStorage.CLEARED) {  // own storage, contiguous: zero its values now
            int end = grad.offset + grad.numel();
            if (grad.d != null) {
                java.util.Arrays.fill(grad.d, grad.offset, end, 0.0);
            } else {
                java.util.Arrays.fill(grad.f, grad.offset, end, 0f);
            }
            gradStorage = GradStorage.OWNED;
        }
        return grad;
    }

    /** Clears the accumulated gradient: {@link #grad()} is null until a backward pass reaches this tensor. */
    public void zeroGrad() {
        grad = null;
        gradStorage = GradStorage.SHARED;
    }

    /**
     * Clears the accumulated gradient, as {@link #zeroGrad()} when {@code setToNone}; otherwise keeps its
     * storage, and the next backward pass writes the new gradient into it (as PyTorch's
     * {@code zero_grad(set_to_none=False)}). That saves allocating a gradient every training step, and lets
     * a layer's backward product write a weight gradient straight into its place; the price is that the
     * tensor {@link #grad()} returned before is reused: it reads as zeros now, and as the new gradient after
     * the next backward pass (copy it to keep its values). A gradient that is null stays null; the first call
     * after a backward pass may give the gradient fresh storage of its own, since the one it has may be shared
     * with other tensors. A backward pass that builds a graph ({@code createGraph}) replaces the gradient
     * instead of writing into it.
     */
    public void zeroGrad(boolean setToNone) {
        if (setToNone) {
            zeroGrad();
        } else if (grad != null) {
            if (gradStorage == GradStorage.SHARED) {
                grad = zeros(grad.dtype(), grad.shape());
            }
            gradStorage = GradStorage.CLEARED;  // zeros in value; the storage is filled when read or written
        }
    }

    /** Keeps this interior tensor's gradient after backward (leaves always keep theirs); returns this. */
    public Tensor retainGrad() {
        retainGrad = true;
        return this;
    }

    public boolean retainsGrad() {
        return retainGrad || (requiresGrad && gradFn == null);
    }

    /** The op that produced this tensor in the recorded graph, or {@code null} for a leaf. */
    public Op gradFn() {
        return gradFn;
    }

    /** The forward-mode tangent carried by this tensor, or {@code null}. */
    public Tensor tangent() {
        return tangent;
    }

    /** A view of the same values that records no history and carries no tangent. */
    public Tensor detach() {
        return new Tensor(d, f, shape, strides, offset);
    }

    /** A display name, used by the graph export (the lecture's x, y, z). Returns this. */
    public Tensor label(String name) {
        this.label = name;
        return this;
    }

    public String label() {
        return label;
    }

    /** Reverse-mode: gradients of this scalar with respect to every leaf that requires grad. */
    public void backward() {
        Engine.backward(this, null, false, false);
    }

    /** Reverse-mode with an upstream gradient of this tensor's shape. */
    public void backward(Tensor seed) {
        Engine.backward(this, seed, false, false);
    }

    /**
     * Reverse-mode; {@code retainGraph} keeps the graph for another pass, {@code createGraph} records the
     * backward pass itself so that gradients can be differentiated again.
     */
    public void backward(Tensor seed, boolean retainGraph, boolean createGraph) {
        Engine.backward(this, seed, retainGraph, createGraph);
    }

    // ---------------------------------------------------------------- elementwise

    public Tensor add(Tensor w) {
        return Add.apply(this, w);
    }

    public Tensor add(double w) {
        return Add.apply(this, constant(w));
    }

    public Tensor sub(Tensor w) {
        Shape.broadcast("sub", shape, w.shape);
        return Add.apply(this, w.neg());
    }

    public Tensor sub(double w) {
        return Add.apply(this, constant(-w));
    }

    public Tensor mul(Tensor w) {
        return Mul.apply(this, w);
    }

    public Tensor mul(double w) {
        return Mul.apply(this, constant(w));
    }

    /** x / w, as x * w^-1. */
    public Tensor div(Tensor w) {
        Shape.broadcast("div", shape, w.shape);
        return Mul.apply(this, PowScalar.apply(w, -1));
    }

    public Tensor div(double w) {
        return Mul.apply(this, constant(1 / w));
    }

    public Tensor neg() {
        return Neg.apply(this);
    }

    /** x^p for a constant exponent. */
    public Tensor pow(double p) {
        return PowScalar.apply(this, p);
    }

    /** x^w elementwise, differentiable in both (the base must be positive where w's gradient matters). */
    public Tensor pow(Tensor w) {
        return Pow.apply(this, w);
    }

    public Tensor exp() {
        return Exp.apply(this);
    }

    public Tensor log() {
        return Log.apply(this);
    }

    public Tensor sqrt() {
        return Sqrt.apply(this);
    }

    public Tensor abs() {
        return Abs.apply(this);
    }

    public Tensor sigmoid() {
        return Sigmoid.apply(this);
    }

    public Tensor tanh() {
        return Tanh.apply(this);
    }

    public Tensor relu() {
        return Relu.apply(this);
    }

    /** x for x &gt; 0, alpha x otherwise. */
    public Tensor leakyRelu(double alpha) {
        return where(gt(0), this, mul(alpha));
    }

    /** x for x &gt; 0, alpha (e^x - 1) otherwise (the exponential only sees min(x, 0), so it never overflows). */
    public Tensor elu(double alpha) {
        return where(gt(0), this, minimum(constant(0)).exp().sub(1).mul(alpha));
    }

    /** Elementwise max; where equal, the gradient goes to this tensor. */
    public Tensor maximum(Tensor w) {
        return Maximum.apply(this, w);
    }

    /** Elementwise min; where equal, the gradient goes to this tensor. */
    public Tensor minimum(Tensor w) {
        Shape.broadcast("minimum", shape, w.shape);
        return Maximum.apply(neg(), w.neg()).neg();
    }

    /** Clamps into [lo, hi]; the gradient is 1 inside (bounds included) and 0 outside. */
    public Tensor clamp(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp: lower bound " + lo + " is above upper bound " + hi);
        }
        return maximum(constant(lo)).minimum(constant(hi));
    }

    // comparisons: masks of 1 and 0, constants with no gradient

    public Tensor gt(Tensor w) {
        return Compare.apply(Compare.Kind.GT, this, w);
    }

    public Tensor gt(double w) {
        return gt(constant(w));
    }

    public Tensor ge(Tensor w) {
        return Compare.apply(Compare.Kind.GE, this, w);
    }

    public Tensor lt(Tensor w) {
        return Compare.apply(Compare.Kind.LT, this, w);
    }

    public Tensor lt(double w) {
        return lt(constant(w));
    }

    public Tensor le(Tensor w) {
        return Compare.apply(Compare.Kind.LE, this, w);
    }

    public Tensor eq(Tensor w) {
        return Compare.apply(Compare.Kind.EQ, this, w);
    }

    public Tensor ne(Tensor w) {
        return Compare.apply(Compare.Kind.NE, this, w);
    }

    /** A 0-d constant of this tensor's dtype. */
    private Tensor constant(double v) {
        return full(dtype, v);
    }

    // ---------------------------------------------------------------- reductions

    public Tensor sum() {
        return Sum.apply(this, null, false);
    }

    public Tensor sum(int[] axes, boolean keepDim) {
        return Sum.apply(this, axes, keepDim);
    }

    public Tensor sum(int axis, boolean keepDim) {
        return Sum.apply(this, new int[]{axis}, keepDim);
    }

    public Tensor mean() {
        return mean(null, false);
    }

    public Tensor mean(int[] axes, boolean keepDim) {
        int[] ax = Shape.axes("mean", axes, shape.length);
        int count = 1;
        for (int a : ax) {
            count *= shape[a];
        }
        return Sum.apply(this, ax, keepDim).div(count);
    }

    public Tensor mean(int axis, boolean keepDim) {
        return mean(new int[]{axis}, keepDim);
    }

    /** Population variance (divides by N) over the axes. */
    public Tensor var(int[] axes, boolean keepDim) {
        return var(axes, keepDim, 0);
    }

    /** Variance with {@code correction} subtracted from the count (1 gives the unbiased estimate). */
    public Tensor var(int[] axes, boolean keepDim, int correction) {
        int[] ax = Shape.axes("var", axes, shape.length);
        int count = 1;
        for (int a : ax) {
            count *= shape[a];
        }
        Tensor centered = sub(mean(ax, true));
        return centered.mul(centered).sum(ax, keepDim).div(Math.max(count - correction, 0));
    }

    /** Max over all elements. */
    public Tensor max() {
        return Max.apply(this, null, false);
    }

    /** Max over one axis; the gradient goes to the first argmax. */
    public Tensor max(int axis, boolean keepDim) {
        return Max.apply(this, new int[]{axis}, keepDim);
    }

    public Tensor max(int[] axes, boolean keepDim) {
        return Max.apply(this, axes, keepDim);
    }

    public Tensor min() {
        return Max.apply(neg(), null, false).neg();
    }

    /** Min over one axis; the gradient goes to the first argmin. */
    public Tensor min(int axis, boolean keepDim) {
        return Max.apply(neg(), new int[]{axis}, keepDim).neg();
    }

    public Tensor min(int[] axes, boolean keepDim) {
        return Max.apply(neg(), axes, keepDim).neg();
    }

    /** Indices of the first maximum along an axis (no gradient). */
    public int[] argmax(int axis) {
        return Max.argmax(this, axis);
    }

    /** log(sum(exp(x))) along an axis, computed stably (the max is subtracted first). */
    public Tensor logSumExp(int axis, boolean keepDim) {
        return LogSumExp.apply(this, axis, keepDim);
    }

    /** exp(x) / sum(exp(x)) along an axis; built as exp(logSoftmax(x)), so it is stable. */
    public Tensor softmax(int axis) {
        return LogSoftmax.apply(this, axis).exp();
    }

    /** x - logSumExp(x) along an axis. */
    public Tensor logSoftmax(int axis) {
        return LogSoftmax.apply(this, axis);
    }

    // ---------------------------------------------------------------- linear algebra

    /** Matrix product with NumPy's rules: 1-d, 2-d and batched (batch axes broadcast). */
    public Tensor matmul(Tensor w) {
        return Matmul.apply(this, w);
    }

    // ---------------------------------------------------------------- shape ops

    /** A tensor of the same values in a new shape (a view when contiguous); one size may be -1. */
    public Tensor reshape(int... newShape) {
        return Reshape.apply(this, newShape);
    }

    /** Flattens to 1-d. */
    public Tensor flatten() {
        return reshape(-1);
    }

    /** Swaps the last two axes (a view). */
    public Tensor transpose() {
        if (shape.length < 2) {
            throw new ShapeException("transpose: needs at least 2 dimensions, got " + Shape.format(shape));
        }
        return transpose(-2, -1);
    }

    /** Swaps two axes (a view). */
    public Tensor transpose(int a, int b) {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int x = Shape.axis("transpose", a, shape.length);
        int y = Shape.axis("transpose", b, shape.length);
        perm[x] = y;
        perm[y] = x;
        return permute(perm);
    }

    /** Reorders the axes (a view): output axis i is input axis perm[i]. */
    public Tensor permute(int... perm) {
        return Permute.apply(this, perm);
    }

    /** Broadcasts to a larger shape without copying. */
    public Tensor expand(int... newShape) {
        return Expand.apply(this, newShape);
    }

    /** Elements [start, end) along an axis (a view). */
    public Tensor slice(int axis, int start, int end) {
        return Slice.apply(this, axis, start, end);
    }

    /** Inserts an axis of size 1. */
    public Tensor unsqueeze(int axis) {
        int a = Shape.axis("unsqueeze", axis < 0 ? axis + shape.length + 1 : axis, shape.length + 1);
        int[] s = new int[shape.length + 1];
        for (int i = 0, k = 0; i < s.length; i++) {
            s[i] = i == a ? 1 : shape[k++];
        }
        return reshape(s);
    }

    /** Removes an axis of size 1. */
    public Tensor squeeze(int axis) {
        int a = Shape.axis("squeeze", axis, shape.length);
        if (shape[a] != 1) {
            throw new ShapeException("squeeze: axis " + axis + " has size " + shape[a] + ", not 1, in "
                    + Shape.format(shape));
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, k = 0; i < shape.length; i++) {
            if (i != a) {
                s[k++] = shape[i];
            }
        }
        return reshape(s);
    }

    /** Slices at the given indices along an axis (the index count becomes that axis's size). */
    public Tensor indexSelect(int axis, int... indices) {
        return IndexSelect.apply(this, axis, indices);
    }

    /**
     * Picks one element per position along an axis: out[..., i, ...] = x[..., index[i], ...] with the axis
     * removed; {@code index} lists positions in row-major order of the output. For labels:
     * {@code scores.gather(1, labels)} is the correct-class score of each row.
     */
    public Tensor gather(int axis, int[] index) {
        return Gather.apply(this, axis, index);
    }

    /** Converts to another dtype (differentiable: the gradient converts back). */
    public Tensor to(DType target) {
        return target == dtype ? this : Cast.apply(this, target);
    }

    /** The same values in contiguous row-major storage (this tensor when already so). */
    public Tensor contiguous() {
        return isContiguous() ? this : Reshape.apply(this, shape);
    }

    // ---------------------------------------------------------------- low level (ops and kernels)

    /** Low level: a tensor over {@code data} without copying it; the caller gives up the array. */
    public static Tensor wrap(double[] data, int[] shape) {
        return new Tensor(data, null, shape, Shape.contiguousStrides(shape), 0);
    }

    /** Low level: a tensor over {@code data} without copying it; the caller gives up the array. */
    public static Tensor wrap(float[] data, int[] shape) {
        return new Tensor(null, data, shape, Shape.contiguousStrides(shape), 0);
    }

    /** Low level: another view of this tensor's storage, with no history. */
    public Tensor view(int[] newShape, int[] newStrides, int newOffset) {
        return new Tensor(d, f, newShape, newStrides, newOffset);
    }

    /** Low level: the float64 storage (shared, not a copy), or null for float32. */
    public double[] f64() {
        return d;
    }

    /** Low level: the float32 storage (shared, not a copy), or null for float64. */
    public float[] f32() {
        return f;
    }

    /** Low level: the strides, a copy. */
    public int[] strides() {
        return strides.clone();
    }

    /** Low level: the position of element 0 in the storage. */
    public int offset() {
        return offset;
    }

    /** Whether the elements lie in row-major order without gaps. */
    public boolean isContiguous() {
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != s) {
                return false;
            }
            s *= shape[i];
        }
        return true;
    }

    /** Engine hook: records the op that produced this tensor. */
    public void attach(Op op) {
        this.gradFn = op;
        this.requiresGrad = true;
    }

    /** Engine hook: sets the forward-mode tangent. */
    public void setTangent(Tensor t) {
        this.tangent = t;
    }

    /** Engine hook: sets the accumulated gradient (its storage may be shared: it is replaced, never written). */
    public void setGrad(Tensor g) {
        this.grad = g;
        this.gradStorage = GradStorage.SHARED;
    }

    /**
     * Engine hook: adds one contribution {@code g} (this tensor's shape and dtype) to the accumulated gradient.
     * Into the gradient's own storage when it has one (after {@link #zeroGrad(boolean) zeroGrad(false)}) and
     * {@code graph} is false; otherwise as a new tensor ({@code g} itself when there was none), so that a
     * gradient built with a graph keeps it.
     */
    public void accumulateGrad(Tensor g, boolean graph) {
        switch (gradStorage) {
            case TARGETED -> {
                if (g != grad) {  // another contribution while the op's own is in the storage already
                    Compute.addInto(grad, g);
                } else {
                    gradStorage = GradStorage.OWNED;
                }
            }
            case CLEARED -> {
                if (graph) {
                    setGrad(g);
                } else {
                    Compute.copyInto(grad, g);
                    gradStorage = GradStorage.OWNED;
                }
            }
            case OWNED -> {
                if (graph) {
                    setGrad(grad.add(g));
                } else {
                    Compute.addInto(grad, g);
                }
            }
            case SHARED -> setGrad(grad == null ? g : grad.add(g));
        }
    }

    /**
     * Engine hook (through {@code Engine.gradTarget}): the storage an op may write this tensor's whole gradient
     * into, instead of returning a new tensor, when the gradient was cleared with its storage kept; null
     * otherwise. The op returns that same tensor as its gradient; the engine's {@link #accumulateGrad} then
     * knows it is in place already.
     */
    public Tensor gradTarget() {
        if (gradStorage != GradStorage.CLEARED) {
            return null;
        }
        gradStorage = GradStorage.TARGETED;
        return grad;
    }

    /** How {@link #grad} holds its values. */
    private enum GradStorage {
        /** Possibly shared with other tensors (or null): replaced by a new tensor, never written. */
        SHARED,
        /** Storage of this tensor's own (from zeroGrad(false)), holding the gradient: accumulated in place. */
        OWNED,
        /** Own storage whose values are stale: the gradient is zero. */
        CLEARED,
        /** Own storage handed to an op (gradTarget) that writes the first contribution into it. */
        TARGETED
    }

    /** A one-line description without values: {@code Tensor[64, 10] float32 (matmul)}. */
    public String describe() {
        String s = "Tensor" + Shape.format(shape) + " " + dtype;
        return gradFn != null ? s + " (" + gradFn.name() + ")" : s;
    }

    @Override
    public String toString() {
        return TensorFormat.describe(this);
    }
}
