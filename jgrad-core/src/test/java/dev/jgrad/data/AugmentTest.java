package dev.jgrad.data;

import dev.jgrad.ShapeException;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentTest {

    private static final int N = 16;
    private static final int C = 2;
    private static final int H = 5;
    private static final int W = 6;

    private static Tensor images() {
        return Tensor.rand(new SplittableRandom(9), N, C, H, W).to(dev.jgrad.DType.FLOAT32);
    }

    private static boolean isFlipOf(Tensor out, Tensor x, int n) {
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) {
                    if (out.at(n, c, i, j) != x.at(n, c, i, W - 1 - j)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether image n of out is image n of x shifted by (dy, dx) with zeros shifted in. */
    private static boolean isShiftOf(Tensor out, Tensor x, int n, int dy, int dx) {
        for (int c = 0; c < C; c++) {
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) {
                    int si = i + dy;
                    int sj = j + dx;
                    double want = si >= 0 && si < H && sj >= 0 && sj < W ? x.at(n, c, si, sj) : 0;
                    if (out.at(n, c, i, j) != want) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    @Test
    void randomFlipMirrorsSomeImagesAndLeavesTheOthersAsTheyWere() {
        Tensor x = images();
        Tensor out = Augment.randomHorizontalFlip(x, new SplittableRandom(4));
        SplittableRandom replay = new SplittableRandom(4);
        int flipped = 0;
        for (int n = 0; n < N; n++) {
            boolean f = replay.nextBoolean();
            assertTrue(f ? isFlipOf(out, x, n) : isShiftOf(out, x, n, 0, 0), "image " + n);
            flipped += f ? 1 : 0;
        }
        assertTrue(flipped > 0 && flipped < N, flipped + " of " + N + " flipped");
        assertArrayEquals(out.toFloatArray(), Augment.randomHorizontalFlip(x, new SplittableRandom(4)).toFloatArray());
        assertArrayEquals(x.toFloatArray(), images().toFloatArray());
    }

    @Test
    void shiftMovesTheImageAndFillsWithZeros() {
        Tensor x = images();
        int[] dy = new int[N];
        int[] dx = new int[N];
        for (int n = 0; n < N; n++) {
            dy[n] = n % 5 - 2;
            dx[n] = (n * 3) % 7 - 3;
        }
        dy[0] = 9; // entirely outside: all zeros
        Tensor out = Augment.shift(x, dy, dx);
        for (int n = 0; n < N; n++) {
            assertTrue(isShiftOf(out, x, n, dy[n], dx[n]), "image " + n);
        }
    }

    @Test
    void randomCropShiftsEachImageByAtMostThePadding() {
        Tensor x = images();
        Tensor out = Augment.randomCrop(x, 2, new SplittableRandom(6));
        SplittableRandom replay = new SplittableRandom(6);
        boolean moved = false;
        for (int n = 0; n < N; n++) {
            int dy = replay.nextInt(5) - 2;
            int dx = replay.nextInt(5) - 2;
            moved |= dy != 0 || dx != 0;
            assertTrue(isShiftOf(out, x, n, dy, dx), "image " + n);
        }
        assertTrue(moved);
        assertArrayEquals(x.toFloatArray(), Augment.randomCrop(x, 0, new SplittableRandom(1)).toFloatArray());
        assertEquals(x.dtype(), out.dtype());
    }

    @Test
    void augmentationNeedsImageBatches() {
        ShapeException e = assertThrows(ShapeException.class,
                () -> Augment.randomCrop(Tensor.zeros(3, 4), 1, new SplittableRandom(1)));
        assertEquals("randomCrop: needs images (N, C, H, W), got [3, 4]", e.getMessage());
    }
}
