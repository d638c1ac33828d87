package dev.jgrad;

import java.util.Arrays;

/** Shape arithmetic on {@code int[]} shapes: sizes, strides, broadcasting, axes, printing. */
public final class Shape {

    private Shape() {
    }

    /** Number of elements; 1 for a 0-d shape. */
    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n > Integer.MAX_VALUE) {
            throw new ShapeException("tensor: too many elements for one array: " + format(shape));
        }
        return (int) n;
    }

    /** The product of the sizes of axes [from, to): the elements one index of axis from - 1 spans, say. */
    public static int numel(int[] shape, int from, int to) {
        return numel(java.util.Arrays.copyOfRange(shape, from, to));
    }

    /** Row-major strides of a contiguous tensor of this shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    /** The shape as the error messages print it: {@code [2, 3]}. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Checks that a requested shape is valid (no negative sizes). */
    public static int[] check(String op, int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException(op + ": negative dimension in shape " + format(shape));
            }
        }
        return shape.clone();
    }

    /** NumPy broadcasting of two shapes; the error names the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": shapes cannot be broadcast: " + format(a) + " and " + format(b)
                        + " (axis " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Whether {@code from} broadcasts to {@code to} without changing {@code to}. */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        int off = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[i + off]) {
                return false;
            }
        }
        return true;
    }

    /** A possibly negative axis as an index in [0, rank). */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of range for rank " + rank);
        }
        return a;
    }

    /** Normalized, sorted, distinct axes; {@code null} or empty means all axes. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        boolean[] seen = new boolean[rank];
        for (int a : axes) {
            int n = axis(op, a, rank);
            if (seen[n]) {
                throw new ShapeException(op + ": axis " + a + " is given twice in " + Arrays.toString(axes));
            }
            seen[n] = true;
        }
        int[] out = new int[axes.length];
        int k = 0;
        for (int i = 0; i < rank; i++) {
            if (seen[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** The shape after reducing {@code axes}; reduced axes become 1 with keepDim, else disappear. */
    public static int[] reduced(int[] shape, int[] axes, boolean keepDim) {
        boolean[] r = new boolean[shape.length];
        for (int a : axes) {
            r[a] = true;
        }
        int[] out = new int[keepDim ? shape.length : shape.length - axes.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!r[i]) {
                out[k++] = shape[i];
            } else if (keepDim) {
                out[k++] = 1;
            }
        }
        return out;
    }
}
