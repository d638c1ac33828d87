package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.backend.Backend;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Kernels.Binary;
import dev.jgrad.backend.Kernels.Unary;

import java.util.Arrays;

/**
 * Value-level computation shared by the op files: strided and broadcast loops that hand contiguous
 * runs to the kernels. Nothing here records a graph; results are fresh contiguous tensors.
 */
public final class Compute {

    private Compute() {
    }

    static Kernels kernels() {
        return Backend.kernels();
    }

    /** A new uninitialized (zero) contiguous tensor. */
    static Tensor empty(DType dtype, int[] shape) {
        int n = Shape.numel(shape);
        return dtype == DType.FLOAT64 ? Tensor.wrap(new double[n], shape) : Tensor.wrap(new float[n], shape);
    }

    /** dst = src elementwise, in place: dst contiguous, src of the same shape and dtype (any strides). */
    public static void copyInto(Tensor dst, Tensor src) {
        into(dst, src, null);
    }

    /** dst += src elementwise, in place: dst contiguous, src of the same shape and dtype (any strides). */
    public static void addInto(Tensor dst, Tensor src) {
        into(dst, src, Binary.ADD);
    }

    private static void into(Tensor dst, Tensor src, Binary op) {
        int[] shape = dst.shape();
        if (!Arrays.equals(shape, src.shape()) || dst.dtype() != src.dtype() || !dst.isContiguous()) {
            throw new IllegalArgumentException("in-place " + (op == null ? "copy" : "add") + ": "
                    + src.describe() + " into " + dst.describe() + (dst.isContiguous() ? "" : " (not contiguous)"));
        }
        Kernels kern = kernels();
        int[][] st = {dst.strides(), src.strides()};
        int[] base = {dst.offset(), src.offset()};
        if (dst.dtype() == DType.FLOAT64) {
            double[] s = src.f64();
            double[] d = dst.f64();
            forEachRun(shape, st, base, op == null ? (o, n, r) -> kern.unary(Unary.COPY, s, o[1], r[1], d, o[0], n)
                    : (o, n, r) -> kern.binary(op, d, o[0], 1, s, o[1], r[1], d, o[0], n));
        } else {
            float[] s = src.f32();
            float[] d = dst.f32();
            forEachRun(shape, st, base, op == null ? (o, n, r) -> kern.unary(Unary.COPY, s, o[1], r[1], d, o[0], n)
                    : (o, n, r) -> kern.binary(op, d, o[0], 1, s, o[1], r[1], d, o[0], n));
        }
    }

    /** x itself when contiguous, otherwise a contiguous copy of its values (no graph). */
    public static Tensor contiguous(Tensor x) {
        return x.isContiguous() ? x : unary(Unary.COPY, x);
    }

    /** Strides of x aligned to a broadcast output shape (0 along broadcast axes). */
    static int[] broadcastStrides(Tensor x, int[] outShape) {
        int[] xs = x.shape();
        int[] st = x.strides();
        int[] out = new int[outShape.length];
        int lead = outShape.length - xs.length;
        for (int i = lead; i < outShape.length; i++) {
            int j = i - lead;
            out[i] = (xs[j] == 1 && outShape[i] != 1) ? 0 : st[j];
        }
        return out;
    }

    /** Receives one contiguous-output run: operand offsets, run length, operand strides within the run. */
    interface Run {
        void run(int[] offsets, int n, int[] innerStrides);
    }

    /**
     * Walks a strided iteration space of shape {@code shape}; each operand has its own aligned strides
     * (usually operand 0 is the contiguous output). Adjacent axes are merged where every operand
     * allows, so a same-shape contiguous op is a single run.
     */
    static void forEachRun(int[] shape, int[][] strides, int[] base, Run body) {
        int k = strides.length;
        if (Shape.numel(shape) == 0) {
            return;
        }
        // Coalesce: drop size-1 axes, merge axis i into i+1 where strides line up for every operand.
        int[] dims = new int[shape.length];
        int[][] st = new int[k][shape.length];
        int r = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1) {
                continue;
            }
            boolean merge = r > 0;
            for (int o = 0; o < k && merge; o++) {
                merge = st[o][r - 1] == strides[o][i] * shape[i];
            }
            if (merge) {
                dims[r - 1] *= shape[i];
                for (int o = 0; o < k; o++) {
                    st[o][r - 1] = strides[o][i];
                }
            } else {
                dims[r] = shape[i];
                for (int o = 0; o < k; o++) {
                    st[o][r] = strides[o][i];
                }
                r++;
            }
        }
        int[] offs = base.clone();
        int[] inner = new int[k];
        if (r == 0) {
            body.run(offs, 1, inner);
            return;
        }
        int n = dims[r - 1];
        for (int o = 0; o < k; o++) {
            inner[o] = st[o][r - 1];
        }
        int outer = 1;
        for (int i = 0; i < r - 1; i++) {
            outer *= dims[i];
        }
        int[] idx = new int[Math.max(r - 1, 0)];
        for (int it = 0; it < outer; it++) {
            body.run(offs, n, inner);
            // Odometer over the outer axes, updating every operand's offset incrementally.
            for (int ax = r - 2; ax >= 0; ax--) {
                idx[ax]++;
                for (int o = 0; o < k; o++) {
                    offs[o] += st[o][ax];
                }
                if (idx[ax] < dims[ax]) {
                    break;
                }
                for (int o = 0; o < k; o++) {
                    offs[o] -= st[o][ax] * dims[ax];
                }
                idx[ax] = 0;
            }
        }
    }

    /** f(x) elementwise into a new contiguous tensor. */
    static Tensor unary(Unary op, Tensor x) {
        int[] shape = x.shape();
        Tensor out = empty(x.dtype(), shape);
        Kernels kern = kernels();
        int[][] st = {out.strides(), x.strides()};
        int[] base = {0, x.offset()};
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = x.f64();
            double[] od = out.f64();
            forEachRun(shape, st, base, (o, n, s) -> kern.unary(op, xd, o[1], s[1], od, o[0], n));
        } else {
            float[] xf = x.f32();
            float[] of = out.f32();
            forEachRun(shape, st, base, (o, n, s) -> kern.unary(op, xf, o[1], s[1], of, o[0], n));
        }
        return out;
    }

    /** f(x, y) elementwise with broadcasting; both operands must have the same dtype. */
    static Tensor binary(Binary op, Tensor x, Tensor y, String name) {
        int[] shape = Shape.broadcast(name, x.shape(), y.shape());
        sameDtype(name, x, y);
        Tensor out = empty(x.dtype(), shape);
        Kernels kern = kernels();
        int[][] st = {out.strides(), broadcastStrides(x, shape), broadcastStrides(y, shape)};
        int[] base = {0, x.offset(), y.offset()};
        if (x.dtype() == DType.FLOAT64) {
            double[] xd = x.f64();
            double[] yd = y.f64();
            double[] od = out.f64();
            forEachRun(shape, st, base, (o, n, s) -> kern.binary(op, xd, o[1], s[1], yd, o[2], s[2], od, o[0], n));
        } else {
            float[] xf = x.f32();
            float[] yf = y.f32();
            float[] of = out.f32();
            forEachRun(shape, st, base, (o, n, s) -> kern.binary(op, xf, o[1], s[1], yf, o[2], s[2], of, o[0], n));
        }
        return out;
    }

    /** cond != 0 ? a : b elementwise with broadcasting over all three. */
    static Tensor select(Tensor cond, Tensor a, Tensor b, String name) {
        int[] shape = Shape.broadcast(name, Shape.broadcast(name, cond.shape(), a.shape()), b.shape());
        sameDtype(name, a, b);
        sameDtype(name, cond, a);  // callers convert the mask
        Tensor out = empty(a.dtype(), shape);
        Kernels kern = kernels();
        int[][] st = {out.strides(), broadcastStrides(cond, shape), broadcastStrides(a, shape),
                broadcastStrides(b, shape)};
        int[] base = {0, cond.offset(), a.offset(), b.offset()};
        if (a.dtype() == DType.FLOAT64) {
            double[] c = cond.f64();
            double[] ad = a.f64();
            double[] bd = b.f64();
            double[] od = out.f64();
            forEachRun(shape, st, base,
                    (o, n, s) -> kern.select(c, o[1], s[1], ad, o[2], s[2], bd, o[3], s[3], od, o[0], n));
        } else {
            float[] c = cond.f32();
            float[] af = a.f32();
            float[] bf = b.f32();
            float[] of = out.f32();
            forEachRun(shape, st, base,
                    (o, n, s) -> kern.select(c, o[1], s[1], af, o[2], s[2], bf, o[3], s[3], of, o[0], n));
        }
        return out;
    }

    static void sameDtype(String name, Tensor x, Tensor y) {
        if (x.dtype() != y.dtype()) {
            throw new IllegalArgumentException(name + ": dtypes differ: " + x.dtype() + " and " + y.dtype());
        }
    }

    /** A 0-d constant of the given dtype. */
    static Tensor constant(DType dtype, double v) {
        return Tensor.full(dtype, v);
    }

    /** The permutation that moves {@code axes} (sorted) to the end, keeping the others in order. */
    static int[] axesLast(int rank, int[] axes) {
        int[] perm = new int[rank];
        boolean[] red = new boolean[rank];
        for (int a : axes) {
            red[a] = true;
        }
        int k = 0;
        for (int i = 0; i < rank; i++) {
            if (!red[i]) {
                perm[k++] = i;
            }
        }
        for (int a : axes) {
            perm[k++] = a;
        }
        return perm;
    }

    /** A value view of x with its axes permuted (no graph). */
    static Tensor permuted(Tensor x, int[] perm) {
        int[] s = x.shape();
        int[] st = x.strides();
        int[] ns = new int[perm.length];
        int[] nst = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            ns[i] = s[perm[i]];
            nst[i] = st[perm[i]];
        }
        return x.view(ns, nst, x.offset());
    }

    /** The inverse of a permutation. */
    static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    /**
     * x laid out as rows for a reduction over {@code axes}: kept axes first, reduced axes last, contiguous;
     * row r is {@code data[offset + r * length .. + length)}.
     */
    record Rows(Tensor data, int length, int count, int[] perm) {
    }

    static Rows rows(Tensor x, int[] axes) {
        int[] shape = x.shape();
        int[] perm = axesLast(shape.length, axes);
        int length = 1;
        for (int a : axes) {
            length *= shape[a];
        }
        int count = 1;
        for (int i = 0; i < shape.length - axes.length; i++) {
            count *= shape[perm[i]];
        }
        return new Rows(contiguous(permuted(x, perm)), length, count, perm);
    }
}
