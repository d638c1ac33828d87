package dev.jgrad.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not what it should be: a truncated or corrupt safetensors file, an unsupported dtype, a
 * checkpoint whose two files do not belong together. The message starts with the file and says what is
 * wrong, and where in the file when that is known, such as
 * {@code model.safetensors: header length 9999 is larger than the 120 bytes that follow it (truncated?)}.
 */
public final class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public FileFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }
}
