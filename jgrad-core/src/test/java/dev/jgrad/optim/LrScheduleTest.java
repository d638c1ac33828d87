package dev.jgrad.optim;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LrScheduleTest {

    private static double[] sequence(LrSchedule s, double base, int n) {
        double[] out = new double[n];
        for (int t = 0; t < n; t++) {
            out[t] = s.lr(base, t);
        }
        return out;
    }

    @Test
    void stepLrDropsByGammaEveryStepSize() {
        assertArrayEquals(new double[]{1, 1, 0.5, 0.5, 0.25, 0.25, 0.125}, sequence(new StepLR(2, 0.5), 1, 7), 1e-15);
    }

    @Test
    void exponentialLrMultipliesEveryStep() {
        assertArrayEquals(new double[]{0.1, 0.09, 0.081, 0.0729}, sequence(new ExponentialLR(0.9), 0.1, 4), 1e-15);
    }

    @Test
    void cosineStartsAtBaseReachesMidpointAndEndsAtEtaMin() {
        CosineAnnealingLR c = new CosineAnnealingLR(10, 0.001);
        assertEquals(0.1, c.lr(0.1, 0), 1e-15);
        assertEquals(0.001 + 0.099 / 2, c.lr(0.1, 5), 1e-15);
        assertEquals(0.001, c.lr(0.1, 10), 1e-15);
        // a quarter of the way: (1 + cos(pi / 4)) / 2 of the range
        assertEquals(0.001 + 0.099 * (1 + Math.sqrt(0.5)) / 2, new CosineAnnealingLR(8, 0.001).lr(0.1, 2), 1e-15);
    }

    @Test
    void warmupRampsLinearlyThenHandsOver() {
        assertArrayEquals(new double[]{0.2, 0.4, 0.6, 0.8, 1, 1, 1},
                sequence(new LinearWarmup(4, LrSchedule.constant()), 1, 7), 1e-15);
        LinearWarmup w = new LinearWarmup(3, new CosineAnnealingLR(4, 0));
        assertArrayEquals(new double[]{0.25, 0.5, 0.75, 1, 0.5 + 0.5 * Math.sqrt(0.5), 0.5, 0.5 - 0.5 * Math.sqrt(0.5), 0},
                sequence(w, 1, 8), 1e-15);
        assertArrayEquals(sequence(new StepLR(2, 0.1), 1, 5), sequence(new LinearWarmup(0, new StepLR(2, 0.1)), 1, 5));
    }

    @Test
    void schedulerSetsOptimizerLrAndRestoresItsStep() {
        SGD opt = new SGD(List.of(Tensor.zeros(2).requiresGrad(true)), 0.1);
        LrScheduler s = new LrScheduler(opt, new LinearWarmup(1, new StepLR(1, 0.5)));
        assertEquals(0.05, opt.lr(), 1e-15);
        s.step();
        assertEquals(0.1, opt.lr(), 1e-15);
        s.step();
        assertEquals(0.05, opt.lr(), 1e-15);
        Map<String, double[]> saved = s.state();
        assertEquals(2, saved.get("step")[0]);

        SGD opt2 = new SGD(List.of(Tensor.zeros(2).requiresGrad(true)), 0.1);
        LrScheduler s2 = new LrScheduler(opt2, new LinearWarmup(1, new StepLR(1, 0.5)));
        s2.loadState(saved);
        assertEquals(2, s2.t());
        assertEquals(0.05, opt2.lr(), 1e-15);
        s.step();
        s2.step();
        assertEquals(opt.lr(), opt2.lr());
        assertEquals(0.025, s2.lr(), 1e-15);
        assertEquals("LrScheduler(LinearWarmup(warmupSteps=1, then=StepLR(stepSize=1, gamma=0.5)), baseLr=0.1, t=3)",
                s2.toString());
    }

    @Test
    void invalidSchedulesAndStatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new StepLR(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new ExponentialLR(-1));
        assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingLR(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LinearWarmup(-1, LrSchedule.constant()));
        LrScheduler s = new LrScheduler(new Adam(List.of(Tensor.zeros(1).requiresGrad(true))), new ExponentialLR(0.9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.loadState(Map.of("step", new double[]{1.5}, "baseLr", new double[]{0.1})));
        assertTrue(e.getMessage().contains("'step' must be a non-negative whole number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.loadState(Map.of("epoch", new double[]{1})));
        assertTrue(e.getMessage().contains("unknown key 'epoch'"), e.getMessage());
    }
}
