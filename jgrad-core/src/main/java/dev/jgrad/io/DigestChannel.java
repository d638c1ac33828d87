package dev.jgrad.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;

/** Passes writes on to another channel, feeding the bytes written to a digest and counting them. */
final class DigestChannel implements WritableByteChannel {

    private final WritableByteChannel out;
    private final MessageDigest digest;
    private final long[] count;

    /** {@code count[0]} grows by the number of bytes written. */
    DigestChannel(WritableByteChannel out, MessageDigest digest, long[] count) {
        this.out = out;
        this.digest = digest;
        this.count = count;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        ByteBuffer seen = src.duplicate();
        int n = out.write(src);
        digest.update(seen.limit(seen.position() + n));
        count[0] += n;
        return n;
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    /** The file's channel is closed by its owner, not through this wrapper. */
    @Override
    public void close() {
    }

    static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
