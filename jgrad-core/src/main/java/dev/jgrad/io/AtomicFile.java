package dev.jgrad.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.CREATE_NEW;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;

/**
 * Writes a file so that its final name only ever holds a complete file: the bytes go to a temporary file
 * in the same directory, which is forced to disk and then renamed over the target in one atomic step.
 * A failure before the rename deletes the temporary file and leaves the old target as it was.
 */
final class AtomicFile {

    /** What goes into the file. */
    @FunctionalInterface
    interface Body {
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Writes {@code target} atomically. */
    static void write(Path target, Body body) throws IOException {
        commit(writeTemp(target, body, UnaryOperator.identity()), target);
    }

    /**
     * Writes {@code body} to a new temporary file next to {@code target} and forces it to disk; returns
     * the temporary file, which the caller passes to {@link #commit} or {@link #discard}. {@code wrap}
     * sees every write (tests use it to fail mid-write; checkpoints to hash the bytes).
     */
    static Path writeTemp(Path target, Body body, UnaryOperator<WritableByteChannel> wrap) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String name = target.getFileName().toString();
        while (true) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                    + ".tmp");
            FileChannel ch;
            try {
                ch = FileChannel.open(tmp, CREATE_NEW, WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            try (ch) {
                body.writeTo(wrap.apply(ch));
                ch.force(true);
            } catch (Throwable t) {
                discard(tmp, t);
                throw t;
            }
            return tmp;
        }
    }

    /** Renames a finished temporary file over {@code target} and forces the directory entry to disk. */
    static void commit(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, ATOMIC_MOVE, REPLACE_EXISTING);
        } catch (IOException e) {
            discard(tmp, e);
            throw e;
        }
        Path dir = target.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, READ)) {
            d.force(true);
        } catch (IOException notSupported) {
            // Some platforms (Windows) cannot open a directory; the rename is atomic all the same, only its
            // durability across a power cut is then up to the file system.
        }
    }

    /** Deletes a temporary file after a failure, attaching any trouble deleting it to that failure. */
    static void discard(Path tmp, Throwable cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
