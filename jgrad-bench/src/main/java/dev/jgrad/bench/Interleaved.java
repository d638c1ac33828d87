package dev.jgrad.bench;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of jgrad compared in one JVM, their rounds interleaved: on a shared machine whose speed drifts by
 * tens of percent within minutes, runs of one build after the other measure the drift as much as the change.
 * Each build's {@code jgrad-core} and {@code jgrad-bench} classes load in their own class loader; a benchmark
 * state class of jgrad-bench ({@link StepBench}, the JMH classes) is set up in each, and its method is timed
 * in alternating rounds (A B, then B A, ...). Prints each build's fastest and median round and their ratios.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Djgrad.threads=1 -cp jgrad-bench/target/classes \
 *     dev.jgrad.bench.Interleaved OLD_CHECKOUT NEW_CHECKOUT dev.jgrad.bench.StepBench step model=cnn128
 * </pre>
 * Both checkouts must be compiled ({@code ./mvnw -pl jgrad-core,jgrad-bench -am compile}); {@code field=value}
 * arguments set public fields (the JMH parameters: String, int, long, double or boolean) before setUp.
 * {@code -Drounds=} (20) and {@code -Dreps=} (calls per round, 3) size the run. Before the timed rounds both
 * builds are warmed up, in turns, for at least {@code -Dwarmup=} seconds each (2) and three rounds: a few calls
 * of a small product run before the JIT has compiled its kernels (a 128 x 784 x 100 GEMM at 3 calls a round
 * measured 8.6 times its compiled time).
 */
public final class Interleaved {

    private Interleaved() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: Interleaved CHECKOUT_A CHECKOUT_B CLASS METHOD [field=value ...]");
            System.exit(2);
        }
        int rounds = (int) Flags.positive("Interleaved", "rounds", "20", true);
        int reps = (int) Flags.positive("Interleaved", "reps", "3", true);
        Object[] state = new Object[2];
        Method[] method = new Method[2];
        for (int b = 0; b < 2; b++) {
            Path root = Path.of(args[b]);
            URL[] urls = {root.resolve("jgrad-core/target/classes").toUri().toURL(),
                    root.resolve("jgrad-bench/target/classes").toUri().toURL()};
            ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
            Class<?> c = loader.loadClass(args[2]);
            state[b] = c.getDeclaredConstructor().newInstance();
            for (int f = 4; f < args.length; f++) {
                set(c, state[b], args[f]);
            }
            for (Method m : c.getMethods()) {
                if (m.getName().equals("setUp") && m.getParameterCount() == 0) {
                    m.invoke(state[b]);
                }
            }
            method[b] = c.getMethod(args[3]);
        }
        long warmNanos = (long) (Flags.positive("Interleaved", "warmup", "2", false) * 1e9);
        long[] warmed = new long[2];
        for (int r = 0; r < 3 || warmed[0] < warmNanos || warmed[1] < warmNanos; r++) {
            for (int b = 0; b < 2; b++) {
                long t0 = System.nanoTime();
                for (int k = 0; k < reps; k++) {
                    method[b].invoke(state[b]);
                }
                warmed[b] += System.nanoTime() - t0;
            }
        }
        List<List<Double>> ms = List.of(new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 2; i++) {
                int b = (r & 1) == 0 ? i : 1 - i;
                long t0 = System.nanoTime();
                for (int k = 0; k < reps; k++) {
                    method[b].invoke(state[b]);
                }
                ms.get(b).add((System.nanoTime() - t0) / 1e6 / reps);
            }
        }
        double[][] sorted = new double[2][];
        for (int b = 0; b < 2; b++) {
            sorted[b] = ms.get(b).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
        double minA = sorted[0][0];
        double minB = sorted[1][0];
        double medA = Stats.median(sorted[0]);
        double medB = Stats.median(sorted[1]);
        System.out.printf("%s.%s %s: A min %.3f median %.3f ms | B min %.3f median %.3f ms | B/A min %.3f median %.3f%n",
                args[2].substring(args[2].lastIndexOf('.') + 1), args[3],
                String.join(" ", Arrays.copyOfRange(args, 4, args.length)), minA, medA, minB, medB, minB / minA,
                medB / medA);
    }

    /** Sets the public field that {@code field=value} names, parsing the value as the field's type. */
    static void set(Class<?> c, Object state, String arg) throws IllegalAccessException {
        String[] kv = arg.split("=", 2);
        java.lang.reflect.Field f;
        try {
            f = kv.length == 2 ? c.getField(kv[0]) : null;
        } catch (NoSuchFieldException e) {
            f = null;
        }
        if (f == null) {
            throw new IllegalArgumentException("Interleaved: '" + arg + "': expected field=value, a public field of "
                    + c.getSimpleName());
        }
        Class<?> t = f.getType();
        try {
            Object v = t == String.class ? kv[1] : t == int.class ? Integer.parseInt(kv[1])
                    : t == long.class ? Long.parseLong(kv[1]) : t == double.class ? Double.parseDouble(kv[1])
                    : t == boolean.class ? Boolean.parseBoolean(kv[1]) : null;
            if (v == null) {
                throw new IllegalArgumentException("Interleaved: field " + kv[0] + " of " + c.getSimpleName()
                        + " has type " + t.getSimpleName() + ", which cannot be set from the command line");
            }
            f.set(state, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Interleaved: '" + arg + "': " + kv[0] + " is a " + t.getSimpleName()
                    + " field");
        }
    }
}
