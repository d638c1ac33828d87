package dev.jgrad.bench.jmh;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmBenchTest {

    private static GemmBench bench(String shape, String precision) {
        GemmBench b = new GemmBench();
        b.shape = shape;
        b.precision = precision;
        b.setUp();
        return b;
    }

    @Test
    void bothPrecisionsComputeTheSameProductOfTheSameOperands() {
        for (String shape : new String[] {"37x50x29", "tA:40x33x70", "tB:21x64x45"}) {
            float[] c32 = (float[]) bench(shape, "f32").gemm();
            double[] c64 = (double[]) bench(shape, "f64").gemm();
            assertEquals(c32.length, c64.length, shape);
            double largest = 0;
            for (int i = 0; i < c32.length; i++) {
                assertEquals(c64[i], c32[i], 1e-4 * (1 + Math.abs(c64[i])), shape + " at " + i);
                largest = Math.max(largest, Math.abs(c64[i]));
            }
            assertTrue(largest > 1, shape + ": the product is not all zeros");
        }
    }

    @Test
    void theDefaultIsSinglePrecisionAndAnUnknownPrecisionIsNamed() {
        GemmBench b = new GemmBench();
        b.shape = "8";
        b.setUp();
        assertInstanceOf(float[].class, b.gemm());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bench("8", "bf16"));
        assertTrue(e.getMessage().contains("'bf16'"), e.getMessage());
    }
}
