package dev.jgrad.data;

import dev.jgrad.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST, raw or gzip (detected by the gzip magic bytes, not by
 * the name): {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]} and their
 * {@code t10k} test counterparts.
 *
 * <p>Format: a big-endian magic {@code 0x000008DD} (two zero bytes, type 0x08 = unsigned byte, DD
 * dimensions), one big-endian 32-bit size per dimension, then the bytes in row-major order. Labels
 * have magic {@code 0x00000801} (one dimension), images {@code 0x00000803} (count, rows, cols).
 *
 * <p>Images come back as float32 of shape (N, 1, rows, cols), the layout convolutions take;
 * {@code x.reshape(n, -1)} gives the (N, 784) rows a fully-connected net takes. Headers are checked
 * against the bytes actually present before anything large is allocated: a header that promises more
 * than the file holds fails with "truncated at byte N", never with an out-of-memory error.
 *
 * <p>Example: {@code IdxReader.load(dir.resolve("train-images-idx3-ubyte.gz"),
 * dir.resolve("train-labels-idx1-ubyte.gz"), 10, PixelScale.UNIT)}.
 */
public final class IdxReader {

    /** Magic number of a label file: unsigned bytes, one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Magic number of an image file: unsigned bytes, three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;

    private IdxReader() {
    }

    /** Images (N, 1, rows, cols) as float32 with the stored values 0 .. 255. */
    public static Tensor readImages(Path file) throws IOException {
        return readImages(file, PixelScale.BYTE);
    }

    /** Images (N, 1, rows, cols) as float32, 0 .. 255 or scaled to 0 .. 1. */
    public static Tensor readImages(Path file, PixelScale scale) throws IOException {
        return readImages(file, scale, -1, null);
    }

    /** The labels, each 0 .. 255. */
    public static int[] readLabels(Path file) throws IOException {
        try (Source src = Source.open(file)) {
            long n = header(src, LABELS_MAGIC, "labels")[0];
            String promise = "header promises " + n + " labels";
            src.require(n, promise);
            checkCount(src, n, promise);
            List<byte[]> body = src.readBody(n, promise);
            src.expectEnd(n + " labels");
            int[] labels = new int[(int) n];
            int k = 0;
            for (byte[] c : body) {
                for (byte v : c) {
                    labels[k++] = v & 0xff;
                }
            }
            return labels;
        }
    }

    /** Images (0 .. 255) and labels as a dataset; see {@link #load(Path, Path, int, PixelScale)}. */
    public static Dataset load(Path images, Path labels, int classes) throws IOException {
        return load(images, labels, classes, PixelScale.BYTE);
    }

    /**
     * Images and labels as a dataset with x of shape (N, 1, rows, cols). Fails when the two files hold
     * different counts (checked from the image header, before the images are read) or a label is
     * outside 0 .. classes - 1.
     */
    public static Dataset load(Path images, Path labels, int classes, PixelScale scale) throws IOException {
        if (classes < 1) {
            throw new IllegalArgumentException("IdxReader.load: classes must be positive, got " + classes);
        }
        int[] y = readLabels(labels);
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes) {
                throw new DataFileException(labels, "label " + y[i] + " at byte " + (8L + i) + " (item " + i
                        + ") is outside 0.." + (classes - 1));
            }
        }
        Tensor x = readImages(images, scale, y.length, labels);
        return new Dataset(x, y, classes);
    }

    private static Tensor readImages(Path file, PixelScale scale, long expectCount, Path labels)
            throws IOException {
        try (Source src = Source.open(file)) {
            long[] dims = header(src, IMAGES_MAGIC, "images");
            long n = dims[0];
            long rows = dims[1];
            long cols = dims[2];
            if (expectCount >= 0 && n != expectCount) {
                throw new DataFileException(file, "header at byte 4 promises " + n + " images but "
                        + labels + " holds " + expectCount + " labels");
            }
            if (rows == 0 || cols == 0) {
                throw new DataFileException(file, "header at byte 8 promises images of " + rows + "x" + cols);
            }
            String promise = "header promises " + n + " images of " + rows + "x" + cols;
            long numel = saturatedProduct(n, saturatedProduct(rows, cols));
            src.require(numel, promise);
            checkCount(src, numel, promise);
            List<byte[]> body = src.readBody(numel, promise);
            src.expectEnd(n + " images of " + rows + "x" + cols);
            float[] out = new float[(int) numel];
            Source.convert(body, Source.table(scale), out, 0);
            return Tensor.wrap(out, new int[]{(int) n, 1, (int) rows, (int) cols});
        }
    }

    /** Reads and checks the magic and the sizes; returns the sizes. */
    private static long[] header(Source src, int magic, String kind) throws IOException {
        long m = src.readUInt32("a 4-byte magic number");
        if (m != magic) {
            String hint = m == LABELS_MAGIC ? "; this is a labels file"
                    : m == IMAGES_MAGIC ? "; this is an images file"
                    : (m >>> 8) == 0x08 ? "" : "; not an IDX file of unsigned bytes";
            throw new DataFileException(src.file, String.format("bad magic 0x%08X at byte 0 (expected 0x%08X for %s%s)",
                    m, magic, kind, hint));
        }
        long[] dims = new long[magic & 0xff];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = src.readUInt32("size of dimension " + i + " in the header");
        }
        return dims;
    }

    private static void checkCount(Source src, long numel, String promise) throws DataFileException {
        if (numel > Source.MAX_ELEMENTS) {
            throw new DataFileException(src.file, promise + ": more than the " + Source.MAX_ELEMENTS
                    + " values one array can hold");
        }
    }

    /** a * b for non-negative values, saturating at Long.MAX_VALUE. */
    private static long saturatedProduct(long a, long b) {
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }
}
