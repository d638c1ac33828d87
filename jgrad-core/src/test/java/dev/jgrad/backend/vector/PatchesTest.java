package dev.jgrad.backend.vector;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the GEMM uses the 6 x 4 tile, the vector backend reads a convolution's patches in place for the
 * shapes {@code KernelContractTest.patchProduct*MatchesUnfoldThenMultiply} check (so those tests cover the
 * patch kernels, every split), and declines the shapes its kernels do not take.
 */
class PatchesTest {

    @Test
    void thePatchPathTakesOneOrHalfAPanelOfChannelsAndRowsOfAtLeastSixPositions() {
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
        assertTrue(!wide || Patches32.fits(Gemm32.NR / 2, 14, 14), "half a panel (cnn128's dx: 32 channels)");
        assertFalse(Patches32.fits(Gemm32.NR / 4, 14, 14), "a quarter of a panel");
        assertFalse(k.patchProduct(x, 0, 32, 14, 14, 5, 5, 2, wt, 0, 48, false, out, 0));
        // The weight gradient's product: kernel rows of five or more
        float[] dw = new float[32 * 25 * 64];
        assertTrue(!wide || k.patchProductT(x, 0, 32, 14, 14, 5, 5, 2, out, 0, 64, false, dw, 0));
        assertTrue(!wide || Patches32.fitsT(Gemm32.NR, 25, 5, 14, 14) && Patches32.fitsT(Gemm32.NR, 18, 6, 1, 1));
        assertFalse(Patches32.fitsT(Gemm32.NR, 27, 3, 14, 14), "a tile would cross two kernel rows");
        assertFalse(Patches32.fitsT(Gemm32.NR, 5, 5, 14, 14), "fewer rows than a tile");
        assertFalse(Patches32.fitsT(Gemm32.NR, 25, 5, 0, 14), "no output positions");
    }
}
