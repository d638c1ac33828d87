package dev.jgrad.backend.vector;

import dev.jgrad.backend.Kernels.Binary;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 elementwise functions of two arguments, each contiguous (stride 1) or one broadcast
 * value (stride 0). One loop per function and stride pattern, chosen once per call. POW is left to the
 * reference loop ({@link Math#pow}): the Vector API's compiled POW differs from its interpreted one in the
 * last bit, and from Java's rules on special values, so results would depend on when the JIT compiled it.
 */
final class Binary64 {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Binary64() {
    }

    /**
     * out[oo + i] = f(x[xo + i * xs], y[yo + i * ys]) over whole vectors, for strides 0 or 1 (not both 0);
     * returns how many leading elements were done.
     */
    static int apply(Binary op, double[] x, int xo, int xs, double[] y, int yo, int ys, double[] out, int oo, int n) {
        int vn = S.loopBound(n);
        switch (op) {
            case ADD -> add(x, xo, xs, y, yo, ys, out, oo, vn);
            case SUB -> sub(x, xo, xs, y, yo, ys, out, oo, vn);
            case MUL -> mul(x, xo, xs, y, yo, ys, out, oo, vn);
            case DIV -> div(x, xo, xs, y, yo, ys, out, oo, vn);
            case MAX -> max(x, xo, xs, y, yo, ys, out, oo, vn);
            case MIN -> min(x, xo, xs, y, yo, ys, out, oo, vn);
            case POW -> {
                return 0;  // the reference's Math.pow: see the class comment
            }
            case GT -> gt(x, xo, xs, y, yo, ys, out, oo, vn);
            case GE -> ge(x, xo, xs, y, yo, ys, out, oo, vn);
            case LT -> lt(x, xo, xs, y, yo, ys, out, oo, vn);
            case LE -> le(x, xo, xs, y, yo, ys, out, oo, vn);
            case EQ -> eq(x, xo, xs, y, yo, ys, out, oo, vn);
            case NE -> ne(x, xo, xs, y, yo, ys, out, oo, vn);
        }
        return vn;
    }

    private static void add(double[] x, int xo, int xs, double[] y, int yo, int ys,
                            double[] out, int oo, int vn) {
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.add(b).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                a.add(b).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.add(b).intoArray(out, oo + i);
            }
        }
    }

    private static void sub(double[] x, int xo, int xs, double[] y, int yo, int ys,
                            double[] out, int oo, int vn) {
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.sub(b).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                a.sub(b).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.sub(b).intoArray(out, oo + i);
            }
        }
    }

    private static void mul(double[] x, int xo, int xs, double[] y, int yo, int ys,
                            double[] out, int oo, int vn) {
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.mul(b).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                a.mul(b).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.mul(b).intoArray(out, oo + i);
            }
        }
    }

    private static void div(double[] x, int xo, int xs, double[] y, int yo, int ys,
                            double[] out, int oo, int vn) {
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.div(b).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                a.div(b).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.div(b).intoArray(out, oo + i);
            }
        }
    }

    /** b where b &gt; a, else a: ties and a NaN in x keep x, as in the reference. */
    private static void max(double[] x, int xo, int xs, double[] y, int yo, int ys,
                            double[] out, int oo, int vn) {
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.blend(b, b.compare(VectorOperators.GT, a)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                a.blend(b, b.compare(VectorOperators.GT, a)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.blend(b, b.compare(VectorOperators.GT, a)).intoArray(out, oo + i);
            }
        }
    }

    /** b where b &lt; a, else a. */
    private static void min(double[] x, int xo, int xs, double[] y, int yo, int ys,
                            double[] out, int oo, int vn) {
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.blend(b, b.compare(VectorOperators.LT, a)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                a.blend(b, b.compare(VectorOperators.LT, a)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                a.blend(b, b.compare(VectorOperators.LT, a)).intoArray(out, oo + i);
            }
        }
    }

    private static void gt(double[] x, int xo, int xs, double[] y, int yo, int ys,
                           double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.GT, b)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                zero.blend(one, a.compare(VectorOperators.GT, b)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.GT, b)).intoArray(out, oo + i);
            }
        }
    }

    private static void ge(double[] x, int xo, int xs, double[] y, int yo, int ys,
                           double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.GE, b)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                zero.blend(one, a.compare(VectorOperators.GE, b)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.GE, b)).intoArray(out, oo + i);
            }
        }
    }

    private static void lt(double[] x, int xo, int xs, double[] y, int yo, int ys,
                           double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.LT, b)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                zero.blend(one, a.compare(VectorOperators.LT, b)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.LT, b)).intoArray(out, oo + i);
            }
        }
    }

    private static void le(double[] x, int xo, int xs, double[] y, int yo, int ys,
                           double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.LE, b)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                zero.blend(one, a.compare(VectorOperators.LE, b)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.LE, b)).intoArray(out, oo + i);
            }
        }
    }

    private static void eq(double[] x, int xo, int xs, double[] y, int yo, int ys,
                           double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.EQ, b)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                zero.blend(one, a.compare(VectorOperators.EQ, b)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.EQ, b)).intoArray(out, oo + i);
            }
        }
    }

    /** 1 where x != y, NaN included (unordered counts as not equal, as in Java). */
    private static void ne(double[] x, int xo, int xs, double[] y, int yo, int ys,
                           double[] out, int oo, int vn) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        if (xs == 0) {
            DoubleVector a = DoubleVector.broadcast(S, x[xo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.NE, b)).intoArray(out, oo + i);
            }
        } else if (ys == 0) {
            DoubleVector b = DoubleVector.broadcast(S, y[yo]);
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                zero.blend(one, a.compare(VectorOperators.NE, b)).intoArray(out, oo + i);
            }
        } else {
            for (int i = 0; i < vn; i += L) {
                DoubleVector a = DoubleVector.fromArray(S, x, xo + i);
                DoubleVector b = DoubleVector.fromArray(S, y, yo + i);
                zero.blend(one, a.compare(VectorOperators.NE, b)).intoArray(out, oo + i);
            }
        }
    }
}
