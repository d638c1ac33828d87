package dev.jgrad.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Cifar10ReaderTest {

    @TempDir
    Path dir;

    /** Records with the given labels and seeded pixels. */
    private static byte[] batch(int[] labels, SplittableRandom rng) {
        byte[] b = new byte[labels.length * Cifar10Reader.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            b[r * Cifar10Reader.RECORD_BYTES] = (byte) labels[r];
            byte[] px = TestBytes.random(Cifar10Reader.IMAGE_BYTES, rng);
            System.arraycopy(px, 0, b, r * Cifar10Reader.RECORD_BYTES + 1, px.length);
        }
        return b;
    }

    @Test
    void recordsBecomeRedGreenBluePlanesOfShapeN3x32x32() throws IOException {
        byte[] b = batch(new int[]{6, 9}, new SplittableRandom(1));
        Path f = Files.write(dir.resolve("test_batch.bin"), b);
        Dataset d = Cifar10Reader.read(f, PixelScale.BYTE);
        assertArrayEquals(new int[]{2, 3, 32, 32}, d.x().shape());
        assertArrayEquals(new int[]{6, 9}, d.labels());
        assertEquals(10, d.classes());
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < 32; i += 7) {
                    for (int j = 0; j < 32; j += 5) {
                        int stored = b[n * 3073 + 1 + c * 1024 + i * 32 + j] & 0xff;
                        assertEquals(stored, d.x().at(n, c, i, j), "n=" + n + " c=" + c + " i=" + i + " j=" + j);
                    }
                }
            }
        }
        Dataset u = Cifar10Reader.read(f, PixelScale.UNIT);
        assertEquals((b[3073 + 1 + 2048] & 0xff) / 255f, u.x().at(1, 2, 0, 0));
    }

    @Test
    void loadTrainConcatenatesTheFiveBatchesInOrderAndFindsTheArchiveFolder() throws IOException {
        Path inner = Files.createDirectories(dir.resolve(Cifar10Reader.ARCHIVE_DIR));
        SplittableRandom rng = new SplittableRandom(2);
        for (int k = 0; k < 5; k++) {
            Files.write(inner.resolve("data_batch_" + (k + 1) + ".bin"), batch(new int[]{k, k + 5}, rng));
        }
        Files.write(inner.resolve("test_batch.bin"), batch(new int[]{3}, rng));
        Dataset train = Cifar10Reader.loadTrain(dir);
        assertArrayEquals(new int[]{0, 5, 1, 6, 2, 7, 3, 8, 4, 9}, train.labels());
        assertArrayEquals(new int[]{10, 3, 32, 32}, train.x().shape());
        assertArrayEquals(new int[]{3}, Cifar10Reader.loadTest(dir).labels());
        assertArrayEquals(new int[]{3}, Cifar10Reader.loadTest(inner).labels());
    }

    @Test
    void sizeNotAMultipleOf3073NamesFileAndSize() throws IOException {
        Path f = Files.write(dir.resolve("data_batch_1.bin"), new byte[3074]);
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Reader.read(f, PixelScale.BYTE));
        assertEquals(f + ": size 3074 bytes is not a multiple of 3073 (1 label byte + 3072 pixel bytes per record)",
                e.getMessage());
    }

    @Test
    void labelAbove9NamesRecordIndexAndByteOffset() throws IOException {
        Path f = Files.write(dir.resolve("b.bin"), batch(new int[]{1, 10, 2}, new SplittableRandom(3)));
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Reader.read(f, PixelScale.BYTE));
        assertEquals(f + ": record 1 at byte 3073: label 10 is outside 0..9", e.getMessage());
    }

    @Test
    void missingBatchIsNamed() {
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10Reader.loadTrain(dir));
        assertEquals(dir.resolve("data_batch_1.bin") + ": no such file", e.getMessage());
    }
}
