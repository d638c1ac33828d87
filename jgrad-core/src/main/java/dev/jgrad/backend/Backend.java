package dev.jgrad.backend;

import java.lang.System.Logger.Level;

/**
 * The one place a kernel backend is chosen, once per JVM.
 *
 * <p>{@code -Djgrad.backend=vector|scalar} forces a choice; a forced choice that cannot be met is an
 * error, not a silent downgrade. Without it, the Vector API backend is used when the JVM was started
 * with {@code --add-modules jdk.incubator.vector}, and otherwise the scalar one, with one log line that
 * says how to enable SIMD. {@code -Djgrad.threads=N} sets the worker count (default: available cores).
 */
public final class Backend {

    private static final String VECTOR_CLASS = "dev.jgrad.backend.vector.VectorKernels";

    private Backend() {
    }

    /** The selection, made once; a failed forced choice is kept so every call reports the same error. */
    private static final class Holder {
        static final Kernels KERNELS;
        static final RuntimeException FAILURE;

        static {
            Kernels k = null;
            RuntimeException failure = null;
            try {
                k = select(System.getProperty("jgrad.backend"));
            } catch (RuntimeException e) {
                failure = e;
            }
            KERNELS = k;
            FAILURE = failure;
        }
    }

    /** The selected kernels; throws the selection error (such as an unmet forced choice) on every call. */
    public static Kernels kernels() {
        if (Holder.FAILURE != null) {
            throw Holder.FAILURE;
        }
        return Holder.KERNELS;
    }

    /** Worker threads for parallel kernels, from {@code -Djgrad.threads} (default: available cores). */
    public static int threads() {
        return Parallel.threads();
    }

    /** Whether the Vector API module is present in this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The Vector API kernels; fails with a message saying how to enable them when the module is absent. */
    public static Kernels vector() {
        if (!vectorModulePresent()) {
            throw new IllegalStateException("jgrad.backend=vector: the JVM was started without the Vector API"
                    + " (add the JVM flag --add-modules jdk.incubator.vector)");
        }
        try {
            return (Kernels) Class.forName(VECTOR_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("jgrad.backend=vector: cannot load " + VECTOR_CLASS + ": " + e, e);
        }
    }

    static Kernels select(String forced) {
        System.Logger log = System.getLogger("dev.jgrad.backend");
        if (forced == null || forced.isBlank()) {
            if (vectorModulePresent()) {
                try {
                    return vector();
                } catch (IllegalStateException e) {
                    log.log(Level.WARNING, "jgrad: using scalar kernels; the Vector API backend failed to load: "
                            + e.getMessage());
                    return new ScalarKernels();
                }
            }
            log.log(Level.INFO, "jgrad: using scalar kernels; for SIMD start the JVM with"
                    + " --add-modules jdk.incubator.vector");
            return new ScalarKernels();
        }
        return switch (forced.trim()) {
            case "scalar" -> new ScalarKernels();
            case "vector" -> vector();
            default -> throw new IllegalArgumentException(
                    "jgrad.backend: unknown backend '" + forced + "' (expected scalar or vector)");
        };
    }
}
