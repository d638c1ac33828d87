package dev.jgrad.backend.vector;

import dev.jgrad.backend.ScalarKernels;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector col2im reads whole vectors past its columns block: with exactly the room {@code col2imFits} asks
 * for it stays inside the array and matches the reference to the bit; with one value less it is not used.
 */
class UnfoldTest {

    private static final ScalarKernels REF = new ScalarKernels();

    @Test
    void col2imReadsNoFurtherThanTheRoomItAsksFor() {
        SplittableRandom rnd = new SplittableRandom(5);
        int[][] cases = {  // c, h, w, kh, kw, pad
                {8, 14, 14, 5, 5, 2}, {13, 6, 7, 5, 5, 2}, {5, 9, 17, 3, 2, 0}, {3, 4, 16, 2, 2, 0},
                {2, 3, 40, 3, 3, 4}, {4, 6, 18, 7, 7, 3}, {1, 5, 33, 3, 7, 0}, {9, 7, 7, 3, 3, 1}};
        for (int[] g : cases) {
            int c = g[0], h = g[1], w = g[2], kh = g[3], kw = g[4], pad = g[5];
            int block = c * kh * kw * (h + 2 * pad - kh + 1) * (w + 2 * pad - kw + 1);
            for (int co : new int[]{0, 3}) {
                String what = java.util.Arrays.toString(g) + " at " + co;
                float[] cf = new float[co + block + Unfold32.col2imSlack(kw, pad)];
                double[] cd = new double[co + block + Unfold64.col2imSlack(kw, pad)];
                for (int i = 0; i < cf.length; i++) {
                    cf[i] = (float) rnd.nextDouble(-1, 1);
                }
                for (int i = 0; i < cd.length; i++) {
                    cd[i] = rnd.nextDouble(-1, 1);
                }
                assertTrue(Unfold32.col2imFits(cf, co, c, h, w, kh, kw, pad), what);
                assertTrue(Unfold64.col2imFits(cd, co, c, h, w, kh, kw, pad), what);
                assertFalse(Unfold32.col2imFits(java.util.Arrays.copyOf(cf, cf.length - 1), co, c, h, w, kh, kw, pad));
                assertFalse(Unfold64.col2imFits(java.util.Arrays.copyOf(cd, cd.length - 1), co, c, h, w, kh, kw, pad));
                float[] wantF = new float[c * h * w];
                float[] gotF = new float[c * h * w];
                java.util.Arrays.fill(gotF, Float.NaN);  // replaced, never read
                REF.col2im(cf, co, c, h, w, kh, kw, 1, pad, wantF, 0, true);
                Unfold32.col2im(cf, co, c, h, w, kh, kw, pad, gotF, 0);
                assertArrayEquals(wantF, gotF, what + " float32");
                double[] wantD = new double[c * h * w];
                double[] gotD = new double[c * h * w];
                java.util.Arrays.fill(gotD, Double.NaN);
                REF.col2im(cd, co, c, h, w, kh, kw, 1, pad, wantD, 0, true);
                Unfold64.col2im(cd, co, c, h, w, kh, kw, pad, gotD, 0);
                assertArrayEquals(wantD, gotD, what + " float64");
            }
        }
    }
}
