package dev.jgrad.backend.vector;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the GEMM uses the 6 x 4 tile, the vector backend reads a convolution's patches in place for the
 * shapes {@code KernelContractTest.patchProductMatchesUnfoldThenMultiply} checks (so that test covers the
 * patch kernels, every split), and declines the shapes its kernels do not take.
 */
class PatchesTest {

    @Test
    void thePatchPathTakesOnePanelOfChannelsAndRowsOfAtLeastSixPositions() {
        VectorKernels k = new VectorKernels();
        float[] x = new float[32 * 14 * 14];
        float[] wt = new float[32 * 25 * 64];
        float[] out = new float[196 * 64];
        boolean wide = Gemm32.MR == 6;
        // cnn128's second convolution: 64 channels are one 6 x 4 panel in float32, two in float64
        assertTrue(!wide || k.patchProduct(x, 0, 32, 14, 14, 5, 5, 2, wt, 0, 64, false, out, 0));
        assertTrue(!wide || Patches32.fits(Gemm32.NR, 7, 9) && Patches32.fits(Gemm32.NR, 1, 12));
        assertTrue(!wide || Patches64.fits(Gemm64.NR, 14, 14));
        assertFalse(Patches32.fits(Gemm32.NR, 14, 5), "rows shorter than a tile");
        assertFalse(Patches32.fits(Gemm32.NR / 2, 14, 14), "part of a panel");
        assertFalse(k.patchProduct(x, 0, 32, 14, 14, 5, 5, 2, wt, 0, 48, false, out, 0));
    }
}
