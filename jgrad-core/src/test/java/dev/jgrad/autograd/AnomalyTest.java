package dev.jgrad.autograd;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnomalyTest {

    @Test
    void forwardNaNNamesOpShapesAndUserCodeSite() {
        Tensor x = Tensor.vector(1, -1, 2);
        NonFiniteException e = assertThrows(NonFiniteException.class,
                () -> Anomaly.detect(() -> x.mul(2).log()));
        String m = e.getMessage();
        assertTrue(m.startsWith("anomaly: log produced NaN in forward"), m);
        assertTrue(m.contains("[3]"), m);
        assertTrue(m.contains("AnomalyTest"), "names the user's line: " + m);
    }

    @Test
    void backwardInfinityNamesTheOpWhoseRuleProducedIt() {
        Tensor x = Tensor.vector(0, 4).requiresGrad(true);
        NonFiniteException e = assertThrows(NonFiniteException.class, () -> Anomaly.detect(() -> {
            x.sqrt().sum().backward();
            return null;
        }));
        assertTrue(e.getMessage().startsWith("anomaly: backward of sqrt produced Inf"), e.getMessage());
    }

    @Test
    void withoutAnomalyModeNonFiniteValuesPassThrough() {
        Tensor y = Tensor.vector(-1).log();
        assertTrue(Double.isNaN(y.item()));
        assertEquals(false, Anomaly.isEnabled());
    }
}
