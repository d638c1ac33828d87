package dev.jgrad.op;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import dev.jgrad.autograd.Engine;
import dev.jgrad.backend.Parallel;

/**
 * out = zeros of shape {@code shape} with x.flat[i] added at row-major position index[i] (a scatter-add:
 * a repeated position receives the sum). dx = dout at those positions ({@link Take}); linear, so the
 * tangent is the same scatter of the input's tangent. The reverse rule of Take and of max pooling.
 */
public final class ScatterAdd extends Op {

    /** Entries per part for a split across threads: each part's scatter costs far more than a fork. */
    private static final int SPLIT_MIN = 1 << 18;

    private final int[] index;
    private final int[] shape;
    private final int segments;

    private ScatterAdd(int[] index, int[] shape, int segments) {
        this.index = index;
        this.shape = shape;
        this.segments = segments;
    }

    /** A {@code shape} tensor of zeros plus x.flat[i] at position index[i]; index has one entry per element of x. */
    public static Tensor apply(Tensor x, int[] index, int[] shape) {
        int[] s = Shape.check("scatterAdd", shape);
        if (x.numel() != index.length) {
            throw new ShapeException("scatterAdd: " + index.length + " indices for input " + Shape.format(x.shape())
                    + " (" + x.numel() + " elements)");
        }
        checkPositions("scatterAdd", index, Shape.numel(s), s);
        return of(x, index.clone(), s);
    }

    /** Without the checks or a copy of index, for rules whose index was checked and is never changed. */
    static Tensor of(Tensor x, int[] index, int[] shape) {
        return of(x, index, shape, 1);
    }

    /**
     * As {@link #of(Tensor, int[], int[])}, for an index made of {@code segments} equal parts that land in the
     * matching equal parts of the output (pooling: one part per plane), so parts can be scattered in parallel.
     */
    static Tensor of(Tensor x, int[] index, int[] shape, int segments) {
        return Engine.apply(new ScatterAdd(index, shape, segments), x);
    }

    /** Every position must lie in [0, size) of a tensor of the given shape. */
    static void checkPositions(String op, int[] index, int size, int[] shape) {
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= size) {
                throw new ShapeException(op + ": position " + index[i] + " at " + i + " is out of range for "
                        + Shape.format(shape) + " (" + size + " elements)");
            }
        }
    }

    @Override
    public String name() {
        return "scatterAdd";
    }

    @Override
    public String attributes() {
        return index.length + " positions into " + Shape.format(shape);
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        Tensor x = Compute.contiguous(in[0]);
        Tensor out = Compute.empty(x.dtype(), shape);
        int xo = x.offset();
        // Parts of whole segments write disjoint parts of out: they may run on different threads.
        int seg = Math.max(1, segments);
        int parts = Math.max(1, Math.min(Math.min(seg, Parallel.threads()), index.length / SPLIT_MIN));
        int per = index.length / seg;  // entries per segment
        Parallel.forEach(parts, t -> {
            int from = (int) ((long) seg * t / parts) * per;
            int to = t == parts - 1 ? index.length : (int) ((long) seg * (t + 1) / parts) * per;
            if (x.dtype() == DType.FLOAT64) {
                double[] xd = x.f64();
                double[] od = out.f64();
                for (int i = from; i < to; i++) {
                    od[index[i]] += xd[xo + i];
                }
            } else {
                float[] xf = x.f32();
                float[] of = out.f32();
                for (int i = from; i < to; i++) {
                    of[index[i]] += xf[xo + i];
                }
            }
        });
        return out;
    }

    @Override
    protected Tensor[] vjp(Tensor dout) {
        return new Tensor[]{Take.of(dout, index, input(0).shape())};
    }

    @Override
    protected Tensor jvp(Tensor[] t) {
        return of(t[0], index, shape, segments);
    }
}
