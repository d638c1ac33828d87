package dev.jgrad.op;

import dev.jgrad.Shape;
import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;

/**
 * out[..., ...] = x[..., index, ...]: one element per position along an axis, the axis removed
 * (for labels: the correct-class score of each row). dx = dout at the picked positions, 0 elsewhere.
 * Composite: a {@link Take} of the picked row-major positions, so both rules come from Take and
 * ScatterAdd and no one-hot mask the size of x is formed.
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
        int[] positions = new int[count];
        for (int p = 0; p < count; p++) {
            int outerIdx = p / inner;
            int innerIdx = p % inner;
            positions[p] = (outerIdx * shape[a] + index[p]) * inner + innerIdx;
        }
        return Take.of(x, positions, outShape);
    }
}
