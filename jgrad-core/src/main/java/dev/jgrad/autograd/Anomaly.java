package dev.jgrad.autograd;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;
import dev.jgrad.op.Compute;
import dev.jgrad.op.Op;

import java.security.CodeSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Anomaly mode: while on, every op records where in user code its output was created, and the first
 * op whose forward or backward result holds NaN or an infinity throws a {@link NonFiniteException}
 * that names it. Off by default (it costs a stack walk per op); on for a call via {@link #detect},
 * or for the whole JVM with {@code -Djgrad.anomaly=true}.
 */
public final class Anomaly {

    private static final ScopedValue<Boolean> ENABLED = ScopedValue.newInstance();
    /** The op whose reverse rule is running, so a non-finite value inside the rule is blamed on it. */
    private static final ScopedValue<Op> BACKWARD_OF = ScopedValue.newInstance();
    private static final boolean GLOBAL = Boolean.getBoolean("jgrad.anomaly");
    private static final CodeSource ENGINE_CODE = Tensor.class.getProtectionDomain().getCodeSource();

    private Anomaly() {
    }

    public static boolean isEnabled() {
        return ENABLED.orElse(GLOBAL);
    }

    /** Runs {@code body} with anomaly detection on. */
    public static <T> T detect(Supplier<T> body) {
        return ScopedValue.where(ENABLED, Boolean.TRUE).call(body::get);
    }

    /** The first stack frame outside jgrad's own classes and the JDK, as {@code Class.method(File:line)}. */
    static String callSite() {
        Optional<StackWalker.StackFrame> frame = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.filter(f -> !internal(f.getDeclaringClass())).findFirst());
        return frame.map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                + f.getLineNumber() + ")").orElse("unknown");
    }

    private static boolean internal(Class<?> c) {
        if (c.getName().startsWith("java.") || c.getName().startsWith("jdk.")) {
            return true;
        }
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs != null && ENGINE_CODE != null && cs.getLocation().equals(ENGINE_CODE.getLocation());
    }

    /** Runs the reverse rule of {@code op} so that anomalies inside it name {@code op}. */
    static Tensor[] backwardOf(Op op, Supplier<Tensor[]> rule) {
        return ScopedValue.where(BACKWARD_OF, op).call(rule::get);
    }

    /** Throws if the forward result of {@code op} is not finite. */
    static void checkForward(Op op, Tensor[] inputs, Tensor out) {
        String bad = nonFinite(out);
        if (bad != null && BACKWARD_OF.isBound()) {
            Op owner = BACKWARD_OF.get();
            throw new NonFiniteException("anomaly: backward of " + owner + " produced " + bad + " (in its "
                    + op + " " + Shape.format(out.shape()) + "); the " + owner.name() + " was created at "
                    + owner.site());
        }
        if (bad != null) {
            throw new NonFiniteException("anomaly: " + op + " produced " + bad + " in forward: output "
                    + Shape.format(out.shape()) + " from inputs " + shapes(inputs) + "; created at " + op.site());
        }
    }

    /** Throws if the gradient that {@code op}'s reverse rule gave input {@code i} is not finite. */
    static void checkBackward(Op op, int i, Tensor grad) {
        String bad = nonFinite(grad);
        if (bad != null) {
            throw new NonFiniteException("anomaly: backward of " + op + " produced " + bad
                    + " in the gradient of input " + i + " " + Shape.format(op.input(i).shape())
                    + " (output " + Shape.format(op.output().shape()) + "); the " + op.name()
                    + " was created at " + op.site());
        }
    }

    /** "NaN" or "Inf" when the tensor holds one, else null. */
    static String nonFinite(Tensor t) {
        Tensor c = Compute.contiguous(t);
        int n = c.numel();
        int o = c.offset();
        for (int i = 0; i < n; i++) {
            double v = c.dtype() == DType.FLOAT64 ? c.f64()[o + i] : c.f32()[o + i];
            if (Double.isNaN(v)) {
                return "NaN";
            }
            if (Double.isInfinite(v)) {
                return "Inf";
            }
        }
        return null;
    }

    private static String shapes(Tensor[] ts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ts.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(Shape.format(ts[i].shape()));
        }
        return sb.toString();
    }
}
