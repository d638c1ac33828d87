package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels;

import java.util.Arrays;

/**
 * out = x @ w over the last two axes, batch axes broadcast. dx = dout @ wᵀ, dw = xᵀ @ dout.
 * Fused (one GEMM call per batch) for compute; transposed views are passed to GEMM without copies.
 */
public final class Matmul extends Op {

    /** NumPy matmul: a 1-d x is a row vector, a 1-d w a column vector, and the added axis is dropped. */
    public static Tensor apply(Tensor x, Tensor w) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        if (xs.length == 0 || ws.length == 0) {
            throw new ShapeException("matmul: both operands need at least 1 dimension: " + Shape.format(xs)
                    + " @ " + Shape.format(ws));
        }
        int k1 = xs[xs.length - 1];
        int k2 = ws.length == 1 ? ws[0] : ws[ws.length - 2];
        if (k1 != k2) {
            throw new ShapeException("matmul: inner dimensions differ: " + Shape.format(xs) + " @ "
                    + Shape.format(ws) + " (" + k1 + " != " + k2 + ")");
        }
        if (xs.length > 2 || ws.length > 2) {
            Shape.broadcast("matmul", Arrays.copyOf(xs, Math.max(xs.length - 2, 0)),
                    Arrays.copyOf(ws, Math.max(ws.length - 2, 0)));
        }
        Tensor a = xs.length == 1 ? x.unsqueeze(0) : x;
        Tensor b = ws.length == 1 ? w.unsqueeze(1) : w;
        Tensor out = Engine.apply(new Matmul(), a, b);
        if (ws.length == 1) {
            out = out.squeeze(-1);
        }
        if (xs.length == 1) {
            out = out.squeeze(ws.length == 1 ? -1 : -2);
        }
        return out;
    }

    @Override
    public String name() {
        return "matmul";
    }

    /** How GEMM can read a matrix view in place: transposed or not, with a leading dimension; null: copy. */
    private record Layout(boolean trans, int ld) {
        static Layout of(int rows, int cols, int rowStride, int colStride) {
            if (cols <= 1 || colStride == 1) {
                int ld = rows <= 1 ? Math.max(cols, 1) : rowStride;
                if (ld >= Math.max(cols, 1)) {
                    return new Layout(false, ld);
                }
            }
            if (rows <= 1 || rowStride == 1) {
                int ld = cols <= 1 ? Math.max(rows, 1) : colStride;
                if (ld >= Math.max(rows, 1)) {
                    return new Layout(true, ld);
                }
            }
            return null;
        }
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = in[0];
        Tensor w = in[1];
        int[] xs = x.shape();
        int[] ws = w.shape();
        int m = xs[xs.length - 2];
        int k = xs[xs.length - 1];
        int n = ws[ws.length - 1];
        int[] batch = Shape.broadcast(name(), Arrays.copyOf(xs, xs.length - 2), Arrays.copyOf(ws, ws.length - 2));
        int[] outShape = Arrays.copyOf(batch, batch.length + 2);
        outShape[batch.length] = m;
        outShape[batch.length + 1] = n;
        Tensor out = Compute.empty(x.dtype(), outShape);
        if (out.numel() == 0) {
            return out;
        }
        x = readable(x);
        w = readable(w);
        Layout la = layout(x);
        Layout lb = layout(w);
        int[] bx = batchStrides(x, batch);
        int[] bw = batchStrides(w, batch);
        int[] offs = {x.offset(), w.offset()};
        Kernels kern = Compute.kernels();
        int[] idx = new int[batch.length];
        int count = Shape.numel(batch);
        for (int b = 0, oo = 0; b < count; b++, oo += m * n) {
            if (x.dtype() == DType.FLOAT64) {
                kern.gemm(la.trans, lb.trans, m, n, k, 1.0, x.f64(), offs[0], la.ld, w.f64(), offs[1], lb.ld,
                        0.0, out.f64(), oo, n);
            } else {
                kern.gemm(la.trans, lb.trans, m, n, k, 1.0f, x.f32(), offs[0], la.ld, w.f32(), offs[1], lb.ld,
                        0.0f, out.f32(), oo, n);
            }
            for (int ax = batch.length - 1; ax >= 0; ax--) {
                idx[ax]++;
                offs[0] += bx[ax];
                offs[1] += bw[ax];
                if (idx[ax] < batch[ax]) {
                    break;
                }
                offs[0] -= bx[ax] * batch[ax];
                offs[1] -= bw[ax] * batch[ax];
                idx[ax] = 0;
            }
        }
        return out;
    }

    /**
     * out[oo ..] (m x n, row-major) = x @ w for 2-d x (m, k) and w (k, n), each read in place where GEMM can (a
     * transposed view included), else copied once; then bias (n values, added to every row; none when null)
     * and ReLU when {@code relu}, applied by the GEMM's epilogue ({@link Kernels#affine}) for {@link Affine}.
     */
    static void product2d(Tensor x, Tensor w, Tensor bias, boolean relu, Tensor out, int oo) {
        x = readable(x);
        w = readable(w);
        Tensor b = bias == null ? null : Compute.contiguous(bias);
        Layout la = layout(x);
        Layout lb = layout(w);
        int m = x.size(0);
        int k = x.size(1);
        int n = w.size(1);
        int bo = b == null ? 0 : b.offset();
        Kernels kern = Compute.kernels();
        if (x.dtype() == DType.FLOAT64) {
            kern.affine(la.trans, lb.trans, m, n, k, x.f64(), x.offset(), la.ld, w.f64(), w.offset(), lb.ld,
                    b == null ? null : b.f64(), bo, relu, out.f64(), oo, n);
        } else {
            kern.affine(la.trans, lb.trans, m, n, k, x.f32(), x.offset(), la.ld, w.f32(), w.offset(), lb.ld,
                    b == null ? null : b.f32(), bo, relu, out.f32(), oo, n);
        }
    }

    /** t itself when GEMM can read its matrices in place, else a contiguous copy. */
    private static Tensor readable(Tensor t) {
        return layout(t) != null ? t : Compute.contiguous(t);
    }

    private static Layout layout(Tensor t) {
        int[] s = t.shape();
        int[] st = t.strides();
        int r = s.length;
        return Layout.of(s[r - 2], s[r - 1], st[r - 2], st[r - 1]);
    }

    /** Strides of t's batch axes aligned to the broadcast batch shape (0 where broadcast). */
    private static int[] batchStrides(Tensor t, int[] batch) {
        int[] s = t.shape();
        int[] st = t.strides();
        int nb = s.length - 2;
        int[] out = new int[batch.length];
        for (int i = 0; i < nb; i++) {
            int j = batch.length - nb + i;
            out[j] = s[i] == 1 ? 0 : st[i];
        }
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        Tensor x = input(0);
        Tensor w = input(1);
        Tensor dx = x.requiresGrad() ? gradient(x, dout, w.transpose()) : null;
        Tensor dw = w.requiresGrad() ? gradient(w, x.transpose(), dout) : null;
        return new Tensor[]{dx, dw};
    }

    /**
     * The gradient of {@code of} as the product a @ b: written straight into the storage the engine keeps for
     * it ({@link Engine#gradTarget}) when a and b are matrices and there is such storage, else a new tensor.
     */
    static Tensor gradient(Tensor of, Tensor a, Tensor b) {
        Tensor target = a.rank() == 2 && b.rank() == 2 ? Engine.gradTarget(of) : null;
        if (target == null) {
            return a.matmul(b);
        }
        if (target.numel() > 0) {
            product2d(a, b, null, false, target, target.offset());
        }
        return target;
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return t[0].matmul(input(1)).add(input(0).matmul(t[1]));
    }
}
