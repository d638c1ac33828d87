package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Kernels;
import dev.jgrad.backend.Parallel;

/**
 * out[n, c, y, z] = max of x[n, c, y s + i, z s + j] over the kh x kw window (no padding), for x (N, C, H, W).
 * dx = dout added at each window's argmax ({@link ScatterAdd}), 0 elsewhere; the tangent is the input's
 * tangent at the argmax ({@link Take}). NOTE: the gradient goes to the first maximum of each window in
 * row-major order, ties included; NaN counts as largest. Fused (one pass over NCHW, argmax saved) for speed.
 */
public final class MaxPool2d extends Op {

    private final int kh;
    private final int kw;
    private final int stride;
    /** Flat (row-major) position in x of each output element's maximum; saved by forward. */
    private int[] argmax;

    private MaxPool2d(int kh, int kw, int stride) {
        this.kh = kh;
        this.kw = kw;
        this.stride = stride;
    }

    /** Max over kh x kw windows of x (N, C, H, W): (N, C, (H - kh) / stride + 1, (W - kw) / stride + 1). */
    public static Tensor apply(Tensor x, int kh, int kw, int stride) {
        int[] s = x.shape();
        if (s.length != 4) {
            throw new ShapeException("maxPool2d: expected (N, C, H, W) input, got " + Shape.format(s));
        }
        Im2col.outputSize("maxPool2d", "input " + Shape.format(s), s[2], s[3], kh, kw, stride, 0);
        return Engine.apply(new MaxPool2d(kh, kw, stride), x);
    }

    @Override
    public String name() {
        return "maxPool2d";
    }

    @Override
    public String attributes() {
        return "kernel=" + kh + "x" + kw + ", stride=" + stride;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = Compute.contiguous(in[0]);
        int[] s = x.shape();
        int h = s[2];
        int w = s[3];
        int[] o = Im2col.outputSize(name(), "input " + Shape.format(s), h, w, kh, kw, stride, 0);
        int planes = s[0] * s[1];
        int plane = h * w;
        int outPlane = o[0] * o[1];
        Tensor out = Compute.empty(x.dtype(), new int[]{s[0], s[1], o[0], o[1]});
        int[] idx = new int[out.numel()];
        Kernels k = Compute.kernels();
        int xo = x.offset();
        // Planes are independent: contiguous ranges of them per worker, writing disjoint parts of out.
        int chunks = planes == 0 ? 0 : Math.min(planes, Parallel.threads());
        Parallel.forEach(chunks, t -> {
            int p1 = (int) ((long) planes * (t + 1) / chunks);
            for (int p = (int) ((long) planes * t / chunks); p < p1; p++) {
                if (x.dtype() == DType.FLOAT64) {
                    k.maxPool2d(x.f64(), xo + p * plane, h, w, kh, kw, stride, out.f64(), p * outPlane, idx,
                            p * outPlane, p * plane);
                } else {
                    k.maxPool2d(x.f32(), xo + p * plane, h, w, kh, kw, stride, out.f32(), p * outPlane, idx,
                            p * outPlane, p * plane);
                }
            }
        });
        argmax = idx;
        return out;
    }

    @Override
    protected void releaseSaved() {
        argmax = null;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        int[] s = input(0).shape();
        return new Tensor[]{ScatterAdd.of(dout, argmax, s, s[0] * s[1])};  // each plane's windows stay in it
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return Take.of(t[0], argmax, output().shape());
    }
}
