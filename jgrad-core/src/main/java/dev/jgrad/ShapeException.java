package dev.jgrad;

/**
 * A shape that an op cannot accept. The message names the op, what is wrong and the shapes, such as
 * {@code matmul: inner dimensions differ: [2, 3] @ [4, 5] (3 != 4)}.
 */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ShapeException(String message) {
        super(message);
    }
}
