package dev.jgrad.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StepPhasesTest {

    @Test
    void anMlpStepIsReportedPhaseByPhase() {
        for (boolean fresh : new boolean[]{false, true}) {
            String line = StepPhases.run("mlp100", 6, fresh, false, 300);
            assertTrue(line.matches("mlp100 threads=\\d+: step [0-9.]+ us  gather [0-9.]+  forward [0-9.]+"
                    + "  backward [0-9.]+  update [0-9.]+"), line);
        }
    }

    @Test
    void theProfileOfTheTimedStepsFollowsTheLine() {
        String out = StepPhases.run("mlp100", 6, false, true, 300);
        String[] lines = out.split("\\R");
        assertTrue(lines[0].startsWith("mlp100 threads="), out);
        assertTrue(lines[1].startsWith("profile of thread '"), out);
        // Three timed steps, each with one batch, one forward pass through each layer and one SGD update.
        assertTrue(out.matches("(?s).*\\nforward +linear\\+relu +\\[128, 784\\] \\[784, 100\\] \\[100\\] +3 .*"), out);
        assertTrue(out.matches("(?s).*\\noptimizer +SGD\\.step +3 .*"), out);
        assertTrue(out.matches("(?s).*\\ndata +batch +3 .*"), out);
    }

    @Test
    void aCnnOrTooFewStepsIsRefusedSayingWhy() {
        IllegalArgumentException cnn = assertThrows(IllegalArgumentException.class,
                () -> StepPhases.run("cnn128", 6, false, false, 300));
        assertTrue(cnn.getMessage().contains("CNN"), cnn.getMessage());
        IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
                () -> StepPhases.run("mlp100", 1, false, false, 300));
        assertTrue(steps.getMessage().contains("STEPS"), steps.getMessage());
    }
}
