package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the safetensors format (https://github.com/huggingface/safetensors), float32 and
 * float64 tensors.
 *
 * <p>The layout: an 8-byte little-endian unsigned header length N; N bytes of UTF-8 JSON,
 * {@code {"__metadata__": {"k": "v"}, "name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [0, 24]},
 * ...}}, padded with spaces to a multiple of 8; then the tensors' bytes, little-endian and row-major.
 * {@code data_offsets} count from the start of the data section and tile it exactly (no gaps, no
 * overlaps). The writer lays float64 tensors out before float32 ones so that every tensor starts at a
 * multiple of its item size (the header keeps the caller's order); the reader accepts any order.
 * Files are written atomically (a temporary file renamed over the target).
 *
 * <p>Reading checks everything the format promises and throws {@link FileFormatException} naming the
 * file and what is wrong: the header length against the file size, the JSON, each dtype (other dtypes
 * such as F16 or I64 are named and refused), shape against byte size, and offsets that must tile the
 * data section.
 */
public final class SafeTensors {

    /** The tensors of a file, in the header's order, and its {@code __metadata__} (empty if absent). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    static final String METADATA_KEY = "__metadata__";
    private static final int CHUNK = 1 << 16;

    private SafeTensors() {
    }

    /** Writes the tensors (keyed by name) with no metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        write(file, tensors, Map.of());
    }

    /** Writes the tensors (keyed by name) and string metadata, replacing {@code file} atomically. */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Objects.requireNonNull(file, "safetensors: file is null");
        byte[] header = header(tensors, metadata);
        AtomicFile.write(file, out -> writeTo(out, header, tensors));
    }

    /** Reads and validates a whole file. */
    public static Contents read(Path file) throws IOException {
        return SafeTensorsReader.read(file);
    }

    /** The safetensors name of a dtype: {@code F32} or {@code F64}. */
    static String code(DType dtype) {
        return dtype == DType.FLOAT64 ? "F64" : "F32";
    }

    static int itemSize(DType dtype) {
        return dtype == DType.FLOAT64 ? 8 : 4;
    }

    /**
     * The 8-byte length and the padded JSON header for these tensors; checks names and metadata, so a
     * bad argument fails before anything is written.
     */
    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        Objects.requireNonNull(tensors, "safetensors: tensors is null");
        Objects.requireNonNull(metadata, "safetensors: metadata is null");
        checkNames(tensors);
        Map<String, Object> json = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            metadata.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new IllegalArgumentException("safetensors: metadata has a null key or value: " + k + "=" + v);
                }
            });
            json.put(METADATA_KEY, new LinkedHashMap<String, Object>(metadata));
        }
        Map<String, long[]> offsets = offsets(tensors);
        tensors.forEach((name, t) -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", code(t.dtype()));
            info.put("shape", t.shape());
            info.put("data_offsets", offsets.get(name));
            json.put(name, info);
        });
        byte[] text = Json.write(json).getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(text);
        while (b.hasRemaining()) {
            b.put((byte) ' ');
        }
        return b.array();
    }

    /** [begin, end) of each tensor in the data section: float64 tensors first, then float32 ones. */
    private static Map<String, long[]> offsets(Map<String, Tensor> tensors) {
        Map<String, long[]> out = new LinkedHashMap<>();
        long offset = 0;
        for (DType dtype : new DType[]{DType.FLOAT64, DType.FLOAT32}) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                if (e.getValue().dtype() == dtype) {
                    long end = offset + (long) e.getValue().numel() * itemSize(dtype);
                    out.put(e.getKey(), new long[]{offset, end});
                    offset = end;
                }
            }
        }
        return out;
    }

    private static void checkNames(Map<String, Tensor> tensors) {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("safetensors: null tensor name or tensor: " + e.getKey());
            }
            if (e.getKey().equals(METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: '" + METADATA_KEY
                        + "' is reserved for metadata and cannot name a tensor");
            }
        }
    }

    /** Writes a header from {@link #header} and then the tensors' bytes, in the layout it promises. */
    static void writeTo(WritableByteChannel out, byte[] header, Map<String, Tensor> tensors) throws IOException {
        writeFully(out, ByteBuffer.wrap(header));
        ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        for (DType dtype : new DType[]{DType.FLOAT64, DType.FLOAT32}) {
            for (Tensor t : tensors.values()) {
                if (t.dtype() == dtype) {
                    writeData(out, t, buf);
                }
            }
        }
    }

    private static void writeData(WritableByteChannel out, Tensor tensor, ByteBuffer buf) throws IOException {
        Tensor t = tensor.detach().contiguous(); // row-major, whatever view the caller holds
        int n = t.numel();
        int off = t.offset();
        double[] d = t.f64();
        float[] f = t.f32();
        for (int i = 0; i < n; i++) {
            if (buf.remaining() < 8) {
                buf.flip();
                writeFully(out, buf);
                buf.clear();
            }
            if (d != null) {
                buf.putDouble(d[off + i]);
            } else {
                buf.putFloat(f[off + i]);
            }
        }
        buf.flip();
        writeFully(out, buf);
        buf.clear();
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }
}
