package dev.jgrad.data;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import static dev.jgrad.data.TestBytes.gzip;
import static dev.jgrad.data.TestBytes.idx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }

    private static final long[] THREE_2X4 = {3, 2, 4};

    @Test
    void rawAndGzipImagesReadToTheSameFloat32TensorOfShapeN1HW() throws IOException {
        byte[] body = TestBytes.random(24, new SplittableRandom(1));
        Path raw = write("images-idx3-ubyte", idx(IdxReader.IMAGES_MAGIC, THREE_2X4, body));
        Path gz = write("images-idx3-ubyte.gz", gzip(idx(IdxReader.IMAGES_MAGIC, THREE_2X4, body)));
        Tensor a = IdxReader.readImages(raw);
        Tensor b = IdxReader.readImages(gz);
        assertArrayEquals(new int[]{3, 1, 2, 4}, a.shape());
        assertEquals(dev.jgrad.DType.FLOAT32, a.dtype());
        float[] expect = new float[24];
        for (int i = 0; i < 24; i++) {
            expect[i] = body[i] & 0xff;
        }
        assertArrayEquals(expect, a.toFloatArray());
        assertArrayEquals(expect, b.toFloatArray());
        assertEquals(body[5] & 0xff, a.at(0, 0, 1, 1));
    }

    @Test
    void unitScaleDividesEveryByteBy255() throws IOException {
        byte[] body = {0, (byte) 255, (byte) 128, 51, 1, 2, 3, 4};
        Path f = write("i", idx(IdxReader.IMAGES_MAGIC, new long[]{1, 2, 4}, body));
        float[] got = IdxReader.readImages(f, PixelScale.UNIT).toFloatArray();
        for (int i = 0; i < body.length; i++) {
            assertEquals((body[i] & 0xff) / 255f, got[i]);
        }
        assertEquals(1f, got[1]);
    }

    @Test
    void gzipIsDetectedByItsMagicBytesNotByTheFileName() throws IOException {
        byte[] labels = {3, 1, 4};
        Path gzNamedRaw = write("labels.bin", gzip(idx(IdxReader.LABELS_MAGIC, new long[]{3}, labels)));
        Path rawNamedGz = write("labels.gz", idx(IdxReader.LABELS_MAGIC, new long[]{3}, labels));
        assertArrayEquals(new int[]{3, 1, 4}, IdxReader.readLabels(gzNamedRaw));
        assertArrayEquals(new int[]{3, 1, 4}, IdxReader.readLabels(rawNamedGz));
    }

    @Test
    void loadPairsImagesWithLabels() throws IOException {
        byte[] body = TestBytes.random(24, new SplittableRandom(2));
        Path im = write("im.gz", gzip(idx(IdxReader.IMAGES_MAGIC, THREE_2X4, body)));
        Path lb = write("lb.gz", gzip(idx(IdxReader.LABELS_MAGIC, new long[]{3}, new byte[]{9, 0, 5})));
        Dataset d = IdxReader.load(im, lb, 10, PixelScale.UNIT);
        assertEquals(3, d.size());
        assertEquals(10, d.classes());
        assertArrayEquals(new int[]{9, 0, 5}, d.labels());
        assertEquals((body[23] & 0xff) / 255f, d.x().at(2, 0, 1, 3));
    }

    @Test
    void countMismatchBetweenImagesAndLabelsNamesBothCounts() throws IOException {
        Path im = write("im", idx(IdxReader.IMAGES_MAGIC, THREE_2X4, new byte[24]));
        Path lb = write("lb", idx(IdxReader.LABELS_MAGIC, new long[]{2}, new byte[]{1, 2}));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.load(im, lb, 10));
        assertEquals(im + ": header at byte 4 promises 3 images but " + lb + " holds 2 labels", e.getMessage());
        assertEquals(im.toString(), e.file());
    }

    @Test
    void badMagicNamesFileOffsetAndTheExpectedMagic() throws IOException {
        Path f = write("t10k-labels-idx1-ubyte.gz", gzip(idx(0x00000802, new long[]{1, 1}, new byte[1])));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(f));
        assertEquals(f + ": bad magic 0x00000802 at byte 0 (expected 0x00000801 for labels)", e.getMessage());
    }

    @Test
    void swappedImageAndLabelFilesAreCalledOut() throws IOException {
        Path lb = write("lb", idx(IdxReader.LABELS_MAGIC, new long[]{1}, new byte[1]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(lb));
        assertTrue(e.getMessage().endsWith("(expected 0x00000803 for images; this is a labels file)"), e.getMessage());
    }

    @Test
    void dataTypesOtherThanUnsignedByteAreRejected() throws IOException {
        Path f = write("floats", idx(0x00000D03, new long[]{1, 1, 1}, new byte[4]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("bad magic 0x00000D03 at byte 0"), e.getMessage());
        assertTrue(e.getMessage().contains("not an IDX file of unsigned bytes"), e.getMessage());
    }

    @Test
    void truncatedRawBodyFailsAtTheFileEndNamingThePromise() throws IOException {
        Path f = write("t10k-images-idx3-ubyte", idx(IdxReader.IMAGES_MAGIC, new long[]{10, 28, 28}, new byte[100]));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": truncated at byte 116: header promises 10 images of 28x28 (7856 bytes needed)", e.getMessage());
    }

    @Test
    void truncatedGzipBodyFailsAtTheDecompressedOffset() throws IOException {
        Path f = write("t.gz", gzip(idx(IdxReader.IMAGES_MAGIC, new long[]{10, 28, 28}, new byte[100])));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertEquals(f + ": truncated at byte 116 of the decompressed data: header promises 10 images of 28x28",
                e.getMessage());
    }

    @Test
    void cutGzipStreamIsReportedAsTruncated() throws IOException {
        byte[] whole = gzip(idx(IdxReader.IMAGES_MAGIC, new long[]{50, 28, 28}, TestBytes.random(50 * 784, new SplittableRandom(3))));
        Path f = write("cut.gz", Arrays.copyOf(whole, whole.length / 2));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f + ": truncated gzip stream at byte "), e.getMessage());
    }

    @Test
    void headerClaiming2To31LabelsFailsFastWithoutAllocatingForThem() throws IOException {
        byte[] small = idx(IdxReader.LABELS_MAGIC, new long[]{1L << 31}, new byte[64]);
        Path raw = write("raw", small);
        Path gz = write("gz", gzip(small));
        long before = TestBytes.allocated();
        DataFileException a = assertThrows(DataFileException.class, () -> IdxReader.readLabels(raw));
        DataFileException b = assertThrows(DataFileException.class, () -> IdxReader.readLabels(gz));
        long used = TestBytes.allocated() - before;
        assertTrue(used < 16 << 20, "allocated " + used + " bytes");
        assertEquals(raw + ": truncated at byte 72: header promises 2147483648 labels (2147483656 bytes needed)", a.getMessage());
        assertEquals(gz + ": header promises 2147483648 labels: more than the 2147483639 values one array can hold",
                b.getMessage());
    }

    @Test
    void gzipHeaderPromisingTwoBillionPixelsIsTruncatedAfterReadingOnlyWhatIsThere() throws IOException {
        // 30000 x 256 x 256 fits an array (1.97e9 elements, 7.9 GB as float): only the data can refute it
        Path gz = write("gz", gzip(idx(IdxReader.IMAGES_MAGIC, new long[]{30000, 256, 256}, new byte[5000])));
        long before = TestBytes.allocated();
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(gz));
        long used = TestBytes.allocated() - before;
        assertTrue(used < 16 << 20, "allocated " + used + " bytes");
        assertEquals(gz + ": truncated at byte 5016 of the decompressed data: header promises 30000 images of 256x256",
                e.getMessage());
    }

    @Test
    void headerWhoseSizesOverflowIsRejected() throws IOException {
        Path f = write("big", gzip(idx(IdxReader.IMAGES_MAGIC, new long[]{0xFFFFFFFFL, 0xFFFFFFFFL, 0xFFFFFFFFL}, new byte[8])));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().contains("more than the 2147483639 values one array can hold"), e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesItemAndByteOffset() throws IOException {
        Path im = write("im", idx(IdxReader.IMAGES_MAGIC, THREE_2X4, new byte[24]));
        Path lb = write("lb", idx(IdxReader.LABELS_MAGIC, new long[]{3}, new byte[]{0, 12, 3}));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.load(im, lb, 10));
        assertEquals(lb + ": label 12 at byte 9 (item 1) is outside 0..9", e.getMessage());
    }

    @Test
    void bytesAfterThePromisedDataAreAnError() throws IOException {
        Path f = write("lb", idx(IdxReader.LABELS_MAGIC, new long[]{2}, new byte[]{1, 2, 3}));
        DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readLabels(f));
        assertEquals(f + ": unexpected data at byte 10 after 2 labels", e.getMessage());
    }

    @Test
    void shortHeaderAndMissingFileAreClearErrors() throws IOException {
        Path f = write("short", new byte[]{0, 0, 8, 1, 0, 0});
        DataFileException a = assertThrows(DataFileException.class, () -> IdxReader.readLabels(f));
        assertEquals(f + ": truncated at byte 6: expected size of dimension 0 in the header", a.getMessage());
        Path none = dir.resolve("none");
        DataFileException b = assertThrows(DataFileException.class, () -> IdxReader.readLabels(none));
        assertEquals(none + ": no such file", b.getMessage());
    }
}
