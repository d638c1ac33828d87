package dev.jgrad;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.Executable;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Wrong shapes throw ShapeException whose message starts with the op's name and prints the shapes. */
class ErrorMessageTest {

    static Stream<Arguments> wrongShapes() {
        Tensor a = Tensor.ones(2, 3);
        Tensor b = Tensor.ones(4);
        return Stream.of(
                Arguments.of("add", (Executable) () -> a.add(b)),
                Arguments.of("sub", (Executable) () -> a.sub(b)),
                Arguments.of("mul", (Executable) () -> a.mul(b)),
                Arguments.of("div", (Executable) () -> a.div(b)),
                Arguments.of("pow", (Executable) () -> a.pow(b)),
                Arguments.of("maximum", (Executable) () -> a.maximum(b)),
                Arguments.of("minimum", (Executable) () -> a.minimum(b)),
                Arguments.of("where", (Executable) () -> Tensor.where(a, a, b)),
                Arguments.of("gt", (Executable) () -> a.gt(b)),
                Arguments.of("matmul", (Executable) () -> a.matmul(Tensor.ones(4, 5))),
                Arguments.of("matmul", (Executable) () -> Tensor.ones(2, 2, 3).matmul(Tensor.ones(3, 3, 1))),
                Arguments.of("concat", (Executable) () -> Tensor.concat(0, a, Tensor.ones(2, 4))),
                Arguments.of("stack", (Executable) () -> Tensor.stack(0, a, b)),
                Arguments.of("reshape", (Executable) () -> a.reshape(4, 2)),
                Arguments.of("expand", (Executable) () -> a.expand(2, 4)),
                Arguments.of("permute", (Executable) () -> a.permute(0)),
                Arguments.of("slice", (Executable) () -> a.slice(1, 2, 5)),
                Arguments.of("sum", (Executable) () -> a.sum(new int[]{2}, false)),
                Arguments.of("max", (Executable) () -> a.max(3, false)),
                Arguments.of("logSoftmax", (Executable) () -> a.logSoftmax(2)),
                Arguments.of("logSumExp", (Executable) () -> a.logSumExp(-3, false)),
                Arguments.of("gather", (Executable) () -> a.gather(1, new int[]{0, 3})),
                Arguments.of("indexSelect", (Executable) () -> a.indexSelect(0, 2)),
                Arguments.of("transpose", (Executable) () -> b.transpose()),
                Arguments.of("squeeze", (Executable) () -> a.squeeze(0)),
                Arguments.of("of", (Executable) () -> Tensor.of(new double[]{1, 2, 3}, 2, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void wrongShapeThrowsShapeExceptionNamingOp(String op, Executable call) {
        ShapeException e = assertThrows(ShapeException.class, call);
        assertTrue(e.getMessage().startsWith(op + ": "), e.getMessage());
    }

    @Test
    void matmulMessageMatchesHouseFormat() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.ones(2, 3).matmul(Tensor.ones(4, 5)));
        assertEquals("matmul: inner dimensions differ: [2, 3] @ [4, 5] (3 != 4)", e.getMessage());
    }

    @Test
    void broadcastMessageNamesBothShapesAndAxis() {
        ShapeException e = assertThrows(ShapeException.class, () -> Tensor.ones(2, 3).add(Tensor.ones(4)));
        assertEquals("add: shapes cannot be broadcast: [2, 3] and [4] (axis 1: 3 vs 4)", e.getMessage());
    }

    @Test
    void badBackendNameIsAnErrorNotASilentDowngrade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.jgrad.backend.BackendAccess.select("gpu"));
        assertEquals("jgrad.backend: unknown backend 'gpu' (expected scalar or vector)", e.getMessage());
    }
}
