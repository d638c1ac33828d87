package dev.jgrad.bench;

import dev.jgrad.bench.jmh.GemmBench;
import dev.jgrad.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GemmSideBySideTest {

    @Test
    void shapesAreCubesOrTriples() {
        assertArrayEquals(new int[] {64, 64, 64}, GemmBench.dims("64"));
        assertArrayEquals(new int[] {128, 784, 256}, GemmBench.dims("128x784x256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "12x3", "4x-1x2", "axbxc", "1x2x3x4"})
    void badShapesNameTheShape(String s) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GemmBench.dims(s));
        assertTrue(e.getMessage().contains("'" + s + "'"), e.getMessage());
    }

    @Test
    void ratiosArePairedPerRoundAndDirtyRoundsAreLeftOut() throws Json.ParseException {
        // Round 1 ran while something else used the machine: its ratio (0.5) must not count.
        GemmSideBySide.Result r = new GemmSideBySide.Result(8, 8, 8, new double[] {100, 50, 90, 120},
                new double[] {100, 100, 100, 100}, new boolean[] {true, false, true, true}, 0, false);
        assertArrayEquals(new double[] {1.0, 0.9, 1.2}, r.ratios(), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) Json.parse(r.json(1));
        assertEquals(1.0, ((Number) m.get("ratio_median")).doubleValue(), 1e-12);
        assertEquals(0.9, ((Number) m.get("ratio_min")).doubleValue(), 1e-12);
        assertEquals(1.2, ((Number) m.get("ratio_max")).doubleValue(), 1e-12);
        assertEquals(3, ((Number) m.get("clean_rounds")).intValue());
        assertEquals(100.0, ((Number) m.get("jgrad_gflops")).doubleValue(), 1e-12);
    }

    @Test
    void withNoCleanRoundEveryRoundCounts() {
        GemmSideBySide.Result r = new GemmSideBySide.Result(8, 8, 8, new double[] {80, 120},
                new double[] {100, 100}, new boolean[] {false, false}, 0, false);
        assertArrayEquals(new double[] {0.8, 1.2}, r.ratios(), 1e-12);
        assertEquals(1.0, Stats.median(r.ratios()), 1e-12);
    }

    @Test
    void resultsThatDifferAreFlagged() throws Json.ParseException {
        GemmSideBySide.Result off = new GemmSideBySide.Result(8, 8, 8, new double[] {1}, new double[] {1},
                new boolean[] {true}, 1e-3, false);
        assertTrue(!off.agree());
        assertEquals(Boolean.FALSE, ((Map<?, ?>) Json.parse(off.json(1))).get("agree"));
        assertTrue(new GemmSideBySide.Result(8, 8, 8, new double[] {1}, new double[] {1}, new boolean[] {true}, 8e-7, false)
                .agree());
        // float64 products agree to float64 rounding: a float32-sized difference there is a wrong result.
        assertTrue(!new GemmSideBySide.Result(8, 8, 8, new double[] {1}, new double[] {1}, new boolean[] {true}, 8e-7,
                true).agree());
        assertTrue(new GemmSideBySide.Result(8, 8, 8, new double[] {1}, new double[] {1}, new boolean[] {true}, 1e-15,
                true).agree());
    }

    @Test
    void aMissingLibraryIsNamed(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path missing = dir.resolve("libopenblas.so.0");
        try (Arena arena = Arena.ofConfined()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GemmSideBySide.OpenBlas.load(missing, arena));
            assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        }
    }

    /** jgrad and OpenBLAS compute the same products (the reference path and the blocked one, odd sizes). */
    @ParameterizedTest
    @CsvSource({"7x5x3, false", "37x53x29, false", "131x257x70, false", "7x5x3, true", "37x53x29, true",
            "131x257x70, true"})
    void jgradAndOpenBlasAgree(String shape, boolean f64) throws InterruptedException {
        assumeTrue(Files.isRegularFile(GemmSideBySide.DEFAULT_LIBRARY), "OpenBLAS (libopenblas0-openmp) not installed");
        int[] d = GemmBench.dims(shape);
        try (Arena arena = Arena.ofConfined()) {
            GemmSideBySide.OpenBlas blas = GemmSideBySide.OpenBlas.load(GemmSideBySide.DEFAULT_LIBRARY, arena);
            blas.setThreads(1);
            GemmSideBySide.Result r = GemmSideBySide.measure(blas, d[0], d[1], d[2], 2, 1e-4, 1e-3, f64);
            assertTrue(r.relativeDiff() < (f64 ? 1e-13 : 1e-5), "max relative difference " + r.relativeDiff());
            assertTrue(r.agree());
            assertEquals(2, r.jgrad().length);
            for (int i = 0; i < 2; i++) {
                assertTrue(r.jgrad()[i] > 0 && r.openblas()[i] > 0, "GFLOPS must be measured");
            }
        }
    }
}
