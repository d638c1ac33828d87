package dev.jgrad.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepPhasesTest {

    @Test
    void anMlpStepIsReportedPhaseByPhase() {
        for (boolean fresh : new boolean[]{false, true}) {
            String line = StepPhases.run("mlp100", 6, fresh, 300);
            assertTrue(line.matches("mlp100 threads=\\d+: step [0-9.]+ us  gather [0-9.]+  forward [0-9.]+"
                    + "  backward [0-9.]+  update [0-9.]+"), line);
        }
    }

    @Test
    void aCnnOrTooFewStepsIsRefusedSayingWhy() {
        IllegalArgumentException cnn = assertThrows(IllegalArgumentException.class,
                () -> StepPhases.run("cnn128", 6, false, 300));
        assertTrue(cnn.getMessage().contains("CNN"), cnn.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> StepPhases.run("mlp100", 1, false, 300));
        assertTrue(steps.getMessage().contains("STEPS"), steps.getMessage());
    }
}
