package dev.jgrad.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A binary data file read front to back, raw or gzip (told apart by the magic bytes 0x1f 0x8b, not by
 * the name), that knows its byte position and turns every short read into a {@link DataFileException}.
 *
 * <p>Bodies are read in chunks of at most 1 MiB, so memory grows only with the bytes actually present:
 * a header that promises 4 GB in a 2 KB file fails with "truncated" after reading 2 KB, never with an
 * out-of-memory error. Positions in a gzip file count decompressed bytes.
 */
final class Source implements Closeable {

    /** The most elements a Java array holds; a header promising more is rejected before reading. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int CHUNK = 1 << 20;

    final Path file;
    final boolean gzip;
    /** The size on disk (compressed size for gzip). */
    final long fileSize;
    private final InputStream in;
    private long pos;

    private Source(Path file, boolean gzip, long fileSize, InputStream in) {
        this.file = file;
        this.gzip = gzip;
        this.fileSize = fileSize;
        this.in = in;
    }

    static Source open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataFileException(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        long size = Files.size(file);
        InputStream raw;
        try {
            raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file, "no such file", e);
        }
        try {
            raw.mark(2);
            boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (!gz) {
                return new Source(file, false, size, raw);
            }
            try {
                return new Source(file, true, size, new GZIPInputStream(raw, 1 << 16));
            } catch (ZipException | EOFException e) {
                throw new DataFileException(file, "gzip magic at byte 0 but the gzip header is corrupt ("
                        + e.getMessage() + ")", e);
            }
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** Bytes read so far (decompressed for gzip). */
    long position() {
        return pos;
    }

    /** "byte N", or "byte N of the decompressed data" for gzip. */
    String at(long offset) {
        return gzip ? "byte " + offset + " of the decompressed data" : "byte " + offset;
    }

    /** A big-endian unsigned 32-bit integer. */
    long readUInt32(String what) throws IOException {
        byte[] b = readSmall(4, what);
        return ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
    }

    /** Exactly n bytes (n small: a header field). */
    byte[] readSmall(int n, String what) throws IOException {
        byte[] b = new byte[n];
        int got = fill(b, 0, n);
        if (got < n) {
            throw new DataFileException(file, "truncated at " + at(pos) + ": expected " + what);
        }
        return b;
    }

    /**
     * Exactly n bytes in chunks; {@code promise} says what the header promised, for the error message.
     * Allocates no more than the bytes actually present (plus one chunk).
     */
    List<byte[]> readBody(long n, String promise) throws IOException {
        List<byte[]> chunks = new ArrayList<>();
        long left = n;
        while (left > 0) {
            byte[] c = new byte[(int) Math.min(CHUNK, left)];
            int got = fill(c, 0, c.length);
            if (got < c.length) {
                throw new DataFileException(file, "truncated at " + at(pos) + ": " + promise);
            }
            chunks.add(c);
            left -= got;
        }
        return chunks;
    }

    /**
     * For a raw file, fails before reading when fewer than n bytes remain (gzip sizes are unknown until
     * read: {@link #readBody} catches those).
     */
    void require(long n, String promise) throws DataFileException {
        if (!gzip && fileSize - pos < n) {
            throw new DataFileException(file, "truncated at byte " + fileSize + ": " + promise
                    + (n > Long.MAX_VALUE - pos ? "" : " (" + (pos + n) + " bytes needed)"));
        }
    }

    /** Fails unless the data ends here: trailing bytes mean the header and the data disagree. */
    void expectEnd(String what) throws IOException {
        byte[] b = new byte[1];
        if (fill(b, 0, 1) > 0) {
            throw new DataFileException(file, "unexpected data at " + at(pos - 1) + " after " + what);
        }
    }

    /** Reads until n bytes or the end; returns the count read. Maps gzip damage to DataFileException. */
    private int fill(byte[] b, int off, int n) throws IOException {
        int total = 0;
        try {
            while (total < n) {
                int r = in.read(b, off + total, n - total);
                if (r < 0) {
                    break;
                }
                total += r;
                pos += r;
            }
        } catch (EOFException e) {
            throw new DataFileException(file, "truncated gzip stream at " + at(pos), e);
        } catch (ZipException e) {
            throw new DataFileException(file, "corrupt gzip data after " + at(pos) + " (" + e.getMessage() + ")", e);
        }
        return total;
    }

    /** Pixel bytes through a 256-entry table into {@code out} from {@code off}. */
    static void convert(List<byte[]> chunks, float[] table, float[] out, int off) {
        int k = off;
        for (byte[] c : chunks) {
            for (byte v : c) {
                out[k++] = table[v & 0xff];
            }
        }
    }

    static float[] table(PixelScale scale) {
        float[] t = new float[256];
        for (int i = 0; i < 256; i++) {
            t[i] = scale == PixelScale.BYTE ? i : i / 255f;
        }
        return t;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
