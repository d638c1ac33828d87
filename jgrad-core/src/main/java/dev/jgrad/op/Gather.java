package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

/**
 * out[..., ...] = x[..., index, ...]: one element per position along an axis, the axis removed
 * (for labels: the correct-class score of each row). dx = dout at the picked positions, 0 elsewhere.
 * Composite: sum(x * onehot(index), axis), so both rules come from mul and sum.
 * NOTE: an infinite value in a position not picked turns into NaN (Inf * 0).
 */
public final class Gather {

    private Gather() {
    }

    /** {@code index} holds one position per element of the output, in row-major order. */
    public static Tensor apply(Tensor x, int axis, int[] index) {
        int a = Shape.axis("gather", axis, x.rank());
        int[] shape = x.shape();
        int[] outShape = Shape.reduced(shape, new int[]{a}, false);
        int count = Shape.numel(outShape);
        if (index.length != count) {
            throw new ShapeException("gather: " + index.length + " indices for output shape "
                    + Shape.format(outShape) + " (" + count + " elements) from " + Shape.format(shape));
        }
        IndexSelect.checkIndices("gather", index, shape[a], a);
        int inner = 1;
        for (int i = a + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        double[] mask = new double[x.numel()];
        for (int p = 0; p < count; p++) {
            int outerIdx = p / inner;
            int innerIdx = p % inner;
            mask[(outerIdx * shape[a] + index[p]) * inner + innerIdx] = 1;
        }
        Tensor m = Tensor.wrap(mask, shape).to(x.dtype());
        return x.mul(m).sum(new int[]{a}, false);
    }
}
