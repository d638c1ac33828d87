package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.nn.ModelSpec;
import dev.jgrad.nn.Sequential;
import dev.jgrad.optim.Adam;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A save that fails part-way leaves the previous checkpoint loadable and unchanged, and no stray files. */
class CheckpointAtomicityTest {

    @TempDir
    Path dir;

    /** Passes the first {@code budget} bytes (over all files) through, then fails as a full disk would. */
    private static UnaryOperator<WritableByteChannel> failAfter(long budget, Supplier<RuntimeException> runtime) {
        long[] left = {budget};
        return ch -> new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                if (left[0] == 0) {
                    if (runtime != null) {
                        throw runtime.get();
                    }
                    throw new IOException("No space left on device (simulated)");
                }
                ByteBuffer part = src.duplicate();
                part.limit((int) Math.min(src.limit(), src.position() + left[0]));
                int n = ch.write(part);
                src.position(src.position() + n);
                left[0] -= n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return ch.isOpen();
            }

            @Override
            public void close() {
            }
        };
    }

    private static CheckpointData checkpoint(long seed, int epoch) {
        Sequential model = ModelSpec.parse("4-8-3", DType.FLOAT32, new SplittableRandom(seed));
        return CheckpointData.capture("4-8-3", model, new Adam(model.parameters()), null, epoch, seed,
                Map.of("epoch", epoch), Map.of());
    }

    private List<String> files() throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void failureAtAnyPointOfASaveLeavesTheOldCheckpointIntact() throws Exception {
        Path prefix = dir.resolve("ckpt");
        CheckpointData old = checkpoint(1, 1);
        CheckpointData next = checkpoint(2, 2);
        Checkpoint.save(prefix, old);
        byte[] oldTensors = Files.readAllBytes(dir.resolve("ckpt.safetensors"));
        byte[] oldJson = Files.readAllBytes(dir.resolve("ckpt.json"));

        Path sizes = Files.createDirectory(dir.resolve("sizes"));
        Checkpoint.save(sizes.resolve("ckpt"), next);
        long tensorBytes = Files.size(sizes.resolve("ckpt.safetensors"));
        long jsonBytes = Files.size(sizes.resolve("ckpt.json"));
        Files.delete(sizes.resolve("ckpt.safetensors"));
        Files.delete(sizes.resolve("ckpt.json"));
        Files.delete(sizes);

        long[] budgets = {0, 1, 8, 100, tensorBytes / 2, tensorBytes - 1, tensorBytes, tensorBytes + 5,
                tensorBytes + jsonBytes - 1};
        for (long budget : budgets) {
            assertThrows(IllegalStateException.class, () -> Checkpoint.save(prefix, next, failAfter(budget,
                    () -> new IllegalStateException("tensor data access failed (simulated)"))), "budget " + budget);
            IOException e = assertThrows(IOException.class, () -> Checkpoint.save(prefix, next, failAfter(budget, null)),
                    "budget " + budget);
            assertTrue(e.getMessage().contains("simulated"), e.getMessage());

            assertEquals(List.of("ckpt.json", "ckpt.safetensors"), files(), "no temporary files left, budget " + budget);
            assertArrayEquals(oldTensors, Files.readAllBytes(dir.resolve("ckpt.safetensors")), "budget " + budget);
            assertArrayEquals(oldJson, Files.readAllBytes(dir.resolve("ckpt.json")), "budget " + budget);
            CheckpointData loaded = Checkpoint.load(prefix);
            assertEquals(1, loaded.epoch());
            assertArrayEquals(old.params().get("0.weight").toFloatArray(), loaded.params().get("0.weight").toFloatArray());
        }

        Checkpoint.save(prefix, next, failAfter(tensorBytes + jsonBytes, null)); // just enough: succeeds
        assertEquals(2, Checkpoint.load(prefix).epoch());
        assertEquals(List.of("ckpt.json", "ckpt.safetensors"), files());
    }

    @Test
    void failedFirstSaveLeavesNothingUnderTheFinalNames() throws Exception {
        assertThrows(IOException.class, () -> Checkpoint.save(dir.resolve("new"), checkpoint(1, 1), failAfter(50, null)));
        assertEquals(List.of(), files());
        assertThrows(IOException.class, () -> Checkpoint.load(dir.resolve("new")));
    }

    @Test
    void safeTensorsWriteFailureKeepsTheOldFile() throws Exception {
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, checkpoint(1, 1).params());
        byte[] before = Files.readAllBytes(file);
        var tensors = checkpoint(2, 1).params();
        byte[] header = SafeTensors.header(tensors, Map.of());
        assertThrows(IOException.class, () -> AtomicFile.commit(AtomicFile.writeTemp(file,
                out -> SafeTensors.writeTo(out, header, tensors), failAfter(header.length + 3, null)), file));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("t.safetensors"), files());
    }
}
