package dev.jgrad.autograd;

import java.util.function.Supplier;

/**
 * Whether ops record a graph. On by default; {@link #noGrad} turns it off for the extent of a call on
 * the current thread (a {@link ScopedValue}, so it cannot leak past the call or into other threads).
 */
public final class GradMode {

    private static final ScopedValue<Boolean> ENABLED = ScopedValue.newInstance();

    private GradMode() {
    }

    /** Whether ops applied now record a graph. */
    public static boolean isEnabled() {
        return ENABLED.orElse(Boolean.TRUE);
    }

    /** Runs {@code body} without recording a graph and returns its result. */
    public static <T> T noGrad(Supplier<T> body) {
        return with(false, body);
    }

    /** Runs {@code body} without recording a graph. */
    public static void noGrad(Runnable body) {
        ScopedValue.where(ENABLED, Boolean.FALSE).run(body);
    }

    /** Runs {@code body} with grad mode set as given. */
    public static <T> T with(boolean enabled, Supplier<T> body) {
        return ScopedValue.where(ENABLED, enabled).call(body::get);
    }
}
