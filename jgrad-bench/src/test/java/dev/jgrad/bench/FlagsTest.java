package dev.jgrad.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlagsTest {

    /** Runs body with the system property set to value, then restores what was there. */
    private static void with(String name, String value, Runnable body) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            body.run();
        } finally {
            if (before == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, before);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "2.5", "many", "1e12", ""})
    void aBadWholeNumberNamesTheToolTheFlagAndTheValue(String v) {
        with("rounds", v, () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Flags.positive("GemmSideBySide", "rounds", "9", true));
            assertTrue(e.getMessage().startsWith("GemmSideBySide: -Drounds") && e.getMessage().contains("'" + v + "'"),
                    e.getMessage());
        });
    }

    @Test
    void valuesAndDefaultsAreRead() {
        System.clearProperty("rounds");
        assertEquals(9.0, Flags.positive("GemmSideBySide", "rounds", "9", true), 0.0);
        with("seconds", " 0.5 ",
                () -> assertEquals(0.5, Flags.positive("GemmSideBySide", "seconds", "0.25", false), 0.0));
        with("seconds", "0", () -> assertThrows(IllegalArgumentException.class,
                () -> Flags.positive("GemmSideBySide", "seconds", "0.25", false)));
    }

    @Test
    void interleavedRejectsABadRepetitionCountBeforeLoadingAnything() {
        with("reps", "three", () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Interleaved.main(new String[] {"/nonexistent/a", "/nonexistent/b", "X", "run"}));
            assertTrue(e.getMessage().contains("Interleaved: -Dreps") && e.getMessage().contains("'three'"),
                    e.getMessage());
        });
    }
}
