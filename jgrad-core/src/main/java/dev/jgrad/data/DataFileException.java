package dev.jgrad.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be read as what it claims to be. The message names the file, where in it
 * (byte offset, or line and column for text) and what is wrong, for example
 * {@code t10k-labels-idx1-ubyte.gz: bad magic 0x00000802 at byte 0 (expected 0x00000801 for labels)}.
 */
public final class DataFileException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /** {@code detail} says where and what, without the file name: {@code "truncated at byte 16: ..."}. */
    public DataFileException(Path file, String detail) {
        super(file + ": " + detail);
        this.file = file.toString();
    }

    public DataFileException(Path file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file.toString();
    }

    /** The file the message is about, as it was given to the reader. */
    public String file() {
        return file;
    }
}
