package dev.jgrad.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Pulls named regular files out of a .tar.gz (POSIX ustar, with GNU long names and pax headers
 * skipped). Only the wanted base names are written, each into {@code dest} under its base name via a
 * temporary file and an atomic rename; paths inside the archive are never used as output paths.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** Extracts the {@code wanted} base names into {@code dest}; fails when one is missing or too big. */
    static void extract(Path archive, Path dest, Set<String> wanted, long maxEntryBytes) throws IOException {
        Set<String> found = new HashSet<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            for (long pos = 0; ; ) {
                if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                    throw new DataFileException(archive, "truncated tar header at byte " + pos + " of the decompressed data");
                }
                if (allZero(header)) {
                    break;
                }
                long size = size(archive, header, pos);
                long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
                char type = (char) header[156];
                String name = longName != null ? longName : name(header);
                longName = null;
                pos += BLOCK;
                if (type == 'L') {
                    longName = longName(archive, in, size, padded, pos);
                } else if ((type == '0' || type == 0) && wanted.contains(base(name))) {
                    if (size > maxEntryBytes) {
                        throw new DataFileException(archive, "entry " + name + " at byte " + pos + " is " + size
                                + " bytes, more than the expected at most " + maxEntryBytes);
                    }
                    copy(archive, in, size, padded, dest.resolve(base(name)), pos);
                    found.add(base(name));
                } else {
                    skip(archive, in, padded, pos);
                }
                pos += padded;
            }
        } catch (EOFException | ZipException e) {
            throw new DataFileException(archive, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
        Set<String> lack = new HashSet<>(wanted);
        lack.removeAll(found);
        if (!lack.isEmpty()) {
            throw new DataFileException(archive, "archive lacks " + lack.stream().sorted().toList());
        }
    }

    /** A GNU long-name entry's text: the name of the entry that follows. */
    private static String longName(Path archive, InputStream in, long size, long padded, long pos) throws IOException {
        if (size > 4096) {
            throw new DataFileException(archive, "long name of " + size + " bytes at byte " + pos);
        }
        byte[] b = in.readNBytes((int) padded);
        if (b.length < padded) {
            throw new DataFileException(archive, "truncated tar entry at byte " + pos);
        }
        return new String(b, 0, (int) size, StandardCharsets.UTF_8).replace("\0", "");
    }

    private static void copy(Path archive, InputStream in, long size, long padded, Path target, long pos)
            throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        try {
            try (var out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                long left = size;
                while (left > 0) {
                    int r = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (r < 0) {
                        throw new DataFileException(archive, "truncated tar entry " + target.getFileName()
                                + " at byte " + (pos + size - left) + " of the decompressed data");
                    }
                    out.write(buf, 0, r);
                    left -= r;
                }
            }
            skip(archive, in, padded - size, pos + size);
            DataFetch.moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void skip(Path archive, InputStream in, long n, long pos) throws IOException {
        long left = n;
        byte[] buf = new byte[8192];
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new DataFileException(archive, "truncated tar entry at byte " + (pos + n - left) + " of the decompressed data");
            }
            left -= r;
        }
    }

    /** The size field: octal text, or GNU base-256 when the high bit of its first byte is set. */
    private static long size(Path archive, byte[] h, long pos) throws DataFileException {
        if ((h[124] & 0x80) != 0) {
            long v = 0;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            if (v < 0 || v > (1L << 40)) {
                throw new DataFileException(archive, "tar entry size " + v + " in the header at byte " + pos);
            }
            return v;
        }
        long v = 0;
        for (int i = 124; i < 136 && h[i] != 0 && h[i] != ' '; i++) {
            if (h[i] < '0' || h[i] > '7') {
                throw new DataFileException(archive, "bad tar size field in the header at byte " + pos);
            }
            v = v * 8 + (h[i] - '0');
        }
        return v;
    }

    private static String name(byte[] h) {
        String name = text(h, 0, 100);
        boolean ustar = text(h, 257, 5).equals("ustar");
        String prefix = ustar ? text(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static String base(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static boolean allZero(byte[] b) {
        for (byte v : b) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }
}
