package dev.jgrad;

import java.util.Locale;

/** Renders tensors for {@code toString}: shape, dtype, producing op and a short value preview. */
final class TensorFormat {

    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String describe(Tensor t) {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.format(t.shape())).append(' ').append(t.dtype());
        if (t.gradFn() != null) {
            sb.append(" (").append(t.gradFn().name()).append(')');
        } else if (t.requiresGrad()) {
            sb.append(" (leaf, requires grad)");
        }
        sb.append(' ');
        values(t, sb);
        return sb.toString();
    }

    static void values(Tensor t, StringBuilder sb) {
        int[] shape = t.shape();
        if (shape.length == 0) {
            sb.append(number(t.item()));
            return;
        }
        append(t, shape, new int[shape.length], 0, sb);
    }

    private static void append(Tensor t, int[] shape, int[] index, int dim, StringBuilder sb) {
        sb.append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                sb.append("..., ");
                i = n - EDGE;
            }
            index[dim] = i;
            if (dim == shape.length - 1) {
                sb.append(number(t.at(index)));
            } else {
                append(t, shape, index, dim + 1, sb);
            }
            if (i < n - 1) {
                sb.append(", ");
            }
        }
        sb.append(']');
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
