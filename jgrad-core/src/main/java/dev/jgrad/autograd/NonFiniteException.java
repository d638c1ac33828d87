package dev.jgrad.autograd;

/**
 * Thrown in anomaly mode when an op first produces NaN or an infinity, naming the op, the shapes and
 * the place in user code where the offending tensor was created.
 */
public final class NonFiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    public NonFiniteException(String message) {
        super(message);
    }
}
