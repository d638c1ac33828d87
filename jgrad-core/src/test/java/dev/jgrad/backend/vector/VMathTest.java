package dev.jgrad.backend.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link VMath32} and {@link VMath64}: every vector lane equals the scalar twin bit for bit, before and after
 * C2 compiles the loop (the point of the classes), and the twins are within a few ulps of {@link Math}, with
 * its results exactly on special values (NaN, infinities, signed zeros, overflow and underflow).
 */
class VMathTest {

    private static final VectorSpecies<Float> SF = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> SD = DoubleVector.SPECIES_PREFERRED;

    private static final double[] SPECIALS = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            0.0, -0.0, 1, -1, 0.5, 2, 1e-3, -1e-3, 1e-9, -1e-9, 0.125, -0.125, 0.25, -0.25, 0x1p-12, 0x1p-27,
            20, -20, 87, 88, 88.72, 88.73, 89, -87, -88, -100, -103, -103.9, -104, -105, 700, 709.7, 709.8, 710,
            -700, -740, -745, -746, -750, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, 1e-40, 1e-310, 1 + 0x1p-20, 1 - 0x1p-20, Math.sqrt(2),
            Math.sqrt(0.5)};

    /** Special values, then values of every magnitude and sign: 16 vectors' worth, repeated per call. */
    static double[] inputs(int n) {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            if (i < SPECIALS.length) {
                x[i] = SPECIALS[i];
            } else {
                double mag = switch (i % 4) {
                    case 0 -> rnd.nextDouble(-3, 3);
                    case 1 -> rnd.nextDouble(-30, 30);
                    case 2 -> Math.exp(rnd.nextDouble(-60, 60));
                    default -> rnd.nextDouble(-0.3, 0.3);
                };
                x[i] = rnd.nextBoolean() ? mag : -mag;
            }
        }
        return x;
    }

    private record F32(String name, UnaryOperator<FloatVector> vector, Scalar32 scalar, DoubleUnaryOperator math,
                       double ulps) {
    }

    private record F64(String name, UnaryOperator<DoubleVector> vector, DoubleUnaryOperator scalar,
                       DoubleUnaryOperator math, double ulps) {
    }

    private interface Scalar32 {
        float apply(float x);
    }

    private static final F32[] FLOAT = {
            new F32("exp", VMath32::exp, VMath32::exp, Math::exp, 2),
            new F32("log", VMath32::log, VMath32::log, Math::log, 2),
            new F32("tanh", VMath32::tanh, VMath32::tanh, Math::tanh, 3)};

    private static final F64[] DOUBLE = {
            new F64("exp", VMath64::exp, VMath64::exp, Math::exp, 2),
            new F64("log", VMath64::log, VMath64::log, Math::log, 2),
            new F64("tanh", VMath64::tanh, VMath64::tanh, Math::tanh, 3)};

    @Test
    void float32LanesEqualTheScalarTwinBeforeAndAfterCompilation() {
        double[] in = inputs(SF.length() * 64);
        float[] x = new float[in.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) in[i];
        }
        float[] out = new float[x.length];
        for (F32 f : FLOAT) {
            // Enough calls for C2 to compile the loop; every call is checked, so both tiers are.
            for (int rep = 0; rep < 400; rep++) {
                for (int i = 0; i < x.length; i += SF.length()) {
                    f.vector().apply(FloatVector.fromArray(SF, x, i)).intoArray(out, i);
                }
                for (int i = 0; i < x.length; i++) {
                    float want = f.scalar().apply(x[i]);
                    if (Float.floatToRawIntBits(want) != Float.floatToRawIntBits(out[i])) {
                        fail(f.name() + "(" + x[i] + "): vector " + out[i] + ", scalar twin " + want + " (call " + rep + ")");
                    }
                }
            }
        }
    }

    @Test
    void float64LanesEqualTheScalarTwinBeforeAndAfterCompilation() {
        double[] x = inputs(SD.length() * 64);
        double[] out = new double[x.length];
        for (F64 f : DOUBLE) {
            for (int rep = 0; rep < 400; rep++) {
                for (int i = 0; i < x.length; i += SD.length()) {
                    f.vector().apply(DoubleVector.fromArray(SD, x, i)).intoArray(out, i);
                }
                for (int i = 0; i < x.length; i++) {
                    double want = f.scalar().applyAsDouble(x[i]);
                    if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(out[i])) {
                        fail(f.name() + "(" + x[i] + "): vector " + out[i] + ", scalar twin " + want + " (call " + rep + ")");
                    }
                }
            }
        }
    }

    /**
     * The guard for the next kernel: no vector-backend source uses the Vector API's transcendental operators,
     * or its floating-point add and multiply lane reductions, whose compiled and interpreted results differ in
     * the last bit (which made same-seed training runs diverge). Use {@link VMath32} / {@link VMath64} and
     * {@link Reduce32#lanes} / {@link Reduce64#lanes}, or leave the op to the reference loop.
     */
    @Test
    void noVectorBackendSourceUsesTheVectorApisTranscendentals() throws IOException {
        Path dir = Path.of("src/main/java/dev/jgrad/backend/vector");
        assertTrue(Files.isDirectory(dir), "run from jgrad-core: " + dir.toAbsolutePath());
        Pattern banned = Pattern.compile("VectorOperators\\.(EXP|EXPM1|LOG|LOG10|LOG1P|POW|HYPOT|CBRT|TANH|SINH|COSH"
                + "|SIN|COS|TAN|ASIN|ACOS|ATAN|ATAN2)\\b|reduceLanes\\(\\s*VectorOperators\\.(ADD|MUL)\\b");
        List<Path> sources;
        try (Stream<Path> files = Files.list(dir)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertTrue(sources.size() > 10, "sources found: " + sources);
        for (Path f : sources) {
            Matcher m = banned.matcher(Files.readString(f));
            if (m.find()) {
                fail(f.getFileName() + " uses " + m.group() + ": its bits depend on whether C2 compiled the loop");
            }
        }
    }

    /**
     * Lane sums are the same, bit for bit, from the first (interpreted) call to the last (compiled), and equal
     * the fixed tree order: with reduceLanes(ADD) most of these random vectors came out differently once C2
     * had compiled the loop.
     */
    @Test
    void laneSumsDoNotDependOnTheJit() {
        SplittableRandom rnd = new SplittableRandom(9);
        int n = 2048;
        float[] f = new float[n * 16];
        double[] d = new double[n * 8];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) (rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4)));
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble(-1, 1) * Math.pow(10, rnd.nextInt(-3, 4));
        }
        int lf = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        int ld = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        float[] firstF = new float[n];
        double[] firstD = new double[n];
        for (int rep = 0; rep < 200; rep++) {
            for (int i = 0; i < n; i++) {
                float sf = Reduce32.sum(f, i * lf, lf);
                double sd = Reduce64.sum(d, i * ld, ld);
                if (rep == 0) {
                    firstF[i] = sf;
                    firstD[i] = sd;
                } else if (Float.floatToRawIntBits(sf) != Float.floatToRawIntBits(firstF[i])
                        || Double.doubleToRawLongBits(sd) != Double.doubleToRawLongBits(firstD[i])) {
                    fail("vector " + i + ": call " + rep + " gave " + sf + " / " + sd + ", the first " + firstF[i]
                            + " / " + firstD[i]);
                }
            }
        }
    }

    @Test
    void float32TwinsAreWithinAFewUlpsOfMath() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (F32 f : FLOAT) {
            for (double v : SPECIALS) {
                check32(f, (float) v);
            }
            for (int i = 0; i < 200_000; i++) {
                // Every float bit pattern is equally likely: all magnitudes, subnormals, NaNs and infinities.
                check32(f, Float.intBitsToFloat(rnd.nextInt()));
                check32(f, (float) rnd.nextDouble(-12, 12));
            }
        }
    }

    @Test
    void float64TwinsAreWithinAFewUlpsOfMath() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (F64 f : DOUBLE) {
            for (double v : SPECIALS) {
                check64(f, v);
            }
            for (int i = 0; i < 200_000; i++) {
                check64(f, Double.longBitsToDouble(rnd.nextLong()));
                check64(f, rnd.nextDouble(-40, 40));
            }
        }
    }

    private static void check32(F32 f, float x) {
        float want = (float) f.math().applyAsDouble(x);
        float got = f.scalar().apply(x);
        String what = f.name() + "(" + x + ") float32";
        if (Float.isNaN(want) || Float.isInfinite(want) || want == 0) {
            assertEquals(want, got, what);  // assertEquals on floats tells -0 from +0 and NaN equals NaN
        } else if (Math.abs(got - want) > f.ulps() * Math.ulp(want)) {
            fail(what + ": " + got + ", Math gives " + want + " (" + Math.abs(got - want) / Math.ulp(want) + " ulps)");
        }
    }

    private static void check64(F64 f, double x) {
        double want = f.math().applyAsDouble(x);
        double got = f.scalar().applyAsDouble(x);
        String what = f.name() + "(" + x + ") float64";
        if (Double.isNaN(want) || Double.isInfinite(want) || want == 0) {
            assertEquals(want, got, what);
        } else if (Math.abs(got - want) > f.ulps() * Math.ulp(want)) {
            fail(what + ": " + got + ", Math gives " + want + " (" + Math.abs(got - want) / Math.ulp(want) + " ulps)");
        }
    }
}
