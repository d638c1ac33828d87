package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.Shape;
import dev.jgrad.Tensor;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.nio.file.StandardOpenOption.READ;

/** The validating reader behind {@link SafeTensors#read}. */
final class SafeTensorsReader {

    /** The limit the reference implementation sets, so a corrupt length cannot ask for gigabytes. */
    static final long MAX_HEADER = 100_000_000;

    /** Dtypes of the format that jgrad recognizes but does not read, so the error can say so. */
    private static final Set<String> OTHER_DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "F16", "BF16",
            "I32", "U32", "I64", "U64", "C64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F6_E2M3", "F6_E3M2", "F4");

    private record Entry(String name, DType dtype, int[] shape, long begin, long end) {
        String span() {
            return "[" + begin + ", " + end + ")";
        }
    }

    private final Path file;

    private SafeTensorsReader(Path file) {
        this.file = file;
    }

    static SafeTensors.Contents read(Path file) throws IOException {
        SafeTensorsReader r = new SafeTensorsReader(file);
        try (FileChannel ch = FileChannel.open(file, READ)) {
            return r.read(ch);
        }
    }

    private SafeTensors.Contents read(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw bad("file is " + size + " bytes; a safetensors file starts with an 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lengthBytes, 0);
        long n = lengthBytes.flip().getLong();
        if (Long.compareUnsigned(n, size - 8) > 0) {
            throw bad("header length " + Long.toUnsignedString(n) + " (offset 0) is larger than the "
                    + (size - 8) + " bytes that follow it (truncated, or not a safetensors file)");
        }
        if (n > MAX_HEADER) {
            throw bad("header length " + n + " (offset 0) is over the " + MAX_HEADER + "-byte limit");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        readFully(ch, headerBytes, 8);
        Map<String, Object> header = parseHeader(headerBytes.flip());
        Map<String, String> metadata = metadata(header.remove(SafeTensors.METADATA_KEY));
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            entries.add(entry(e.getKey(), e.getValue()));
        }
        long dataStart = 8 + n;
        checkTiling(entries, size - dataStart);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            tensors.put(e.name, load(ch, e, dataStart));
        }
        return new SafeTensors.Contents(tensors, metadata);
    }

    private Map<String, Object> parseHeader(ByteBuffer bytes) throws FileFormatException {
        if (!bytes.hasRemaining() || bytes.get(0) != '{') {
            throw bad("header (offset 8) does not start with '{'");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(bytes.remaining());
        CoderResult result = decoder.decode(bytes, chars, true);
        if (result.isError()) {
            throw bad("header is not valid UTF-8 at offset " + (8 + bytes.position()));
        }
        decoder.flush(chars);
        String text = chars.flip().toString();
        Object json;
        try {
            json = Json.parse(text);
        } catch (Json.ParseException e) {
            long offset = 8 + text.substring(0, e.position()).getBytes(StandardCharsets.UTF_8).length;
            throw bad("header JSON is malformed at offset " + offset + ": " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> map)) {
            throw bad("header JSON is not an object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put((String) k, v));
        return out;
    }

    private Map<String, String> metadata(Object value) throws FileFormatException {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null) {
            return out;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw bad("'" + SafeTensors.METADATA_KEY + "' is " + kind(value) + ", expected an object of strings");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw bad("'" + SafeTensors.METADATA_KEY + "' value of key '" + e.getKey() + "' is "
                        + kind(e.getValue()) + "; metadata values must be strings");
            }
            out.put((String) e.getKey(), s);
        }
        return out;
    }

    private Entry entry(String name, Object value) throws FileFormatException {
        String where = "tensor '" + name + "'";
        if (!(value instanceof Map<?, ?> info)) {
            throw bad(where + " is " + kind(value) + ", expected an object with dtype, shape and data_offsets");
        }
        for (Object key : info.keySet()) {
            if (!Set.of("dtype", "shape", "data_offsets").contains(key)) {
                throw bad(where + " has unknown field '" + key + "' (expected dtype, shape and data_offsets)");
            }
        }
        if (!(info.get("dtype") instanceof String code)) {
            throw bad(where + " has dtype " + kind(info.get("dtype")) + ", expected a string such as \"F32\"");
        }
        DType dtype = switch (code) {
            case "F32" -> DType.FLOAT32;
            case "F64" -> DType.FLOAT64;
            default -> throw bad(where + (OTHER_DTYPES.contains(code)
                    ? " has dtype " + code + ", which jgrad does not read (it reads F32 and F64)"
                    : " has unknown dtype '" + code + "' (jgrad reads F32 and F64)"));
        };
        long[] dims = longs(where, "shape", info.get("shape"), -1);
        int[] shape = new int[dims.length];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0 || dims[i] > Integer.MAX_VALUE) {
                throw bad(where + " has a shape entry " + dims[i] + " outside [0, " + Integer.MAX_VALUE + "]");
            }
            shape[i] = (int) dims[i];
            numel = Math.min(numel * dims[i], 1L << 40); // saturate: any value over the cap is an error below
        }
        if (numel > Integer.MAX_VALUE) {
            throw bad(where + " has shape " + Shape.format(shape) + ", more elements than a Java array holds");
        }
        long[] offsets = longs(where, "data_offsets", info.get("data_offsets"), 2);
        if (offsets[0] < 0 || offsets[1] < offsets[0]) {
            throw bad(where + " has data_offsets [" + offsets[0] + ", " + offsets[1] + "]; expected 0 <= begin <= end");
        }
        long bytes = numel * SafeTensors.itemSize(dtype);
        if (offsets[1] - offsets[0] != bytes) {
            throw bad(where + " of dtype " + code + " and shape " + Shape.format(shape) + " needs " + bytes
                    + " bytes, but its data_offsets [" + offsets[0] + ", " + offsets[1] + "] span "
                    + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers, of the given length unless that is -1. */
    private long[] longs(String where, String field, Object value, int length) throws FileFormatException {
        if (!(value instanceof List<?> list) || (length >= 0 && list.size() != length)) {
            throw bad(where + " has " + field + " " + kind(value) + ", expected an array of "
                    + (length >= 0 ? length + " " : "") + "integers");
        }
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long v) || v < 0) {
                throw bad(where + " has " + field + " " + Json.write(list)
                        + ", expected non-negative integers");
            }
            out[i] = v;
        }
        return out;
    }

    /** The tensors' byte ranges must tile [0, dataLength): sorted by start, each starts where the last ended. */
    private void checkTiling(List<Entry> entries, long dataLength) throws FileFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : sorted) {
            if (e.begin < covered) {
                throw bad("tensor '" + e.name + "' " + e.span() + " overlaps tensor '" + previous.name + "' "
                        + previous.span() + " in the data section");
            }
            if (e.begin > covered) {
                throw bad("data section has a gap of " + (e.begin - covered) + " bytes at [" + covered + ", "
                        + e.begin + ") before tensor '" + e.name + "' (every byte must belong to a tensor)");
            }
            if (e.end > dataLength) {
                throw bad("tensor '" + e.name + "' " + e.span() + " runs " + (e.end - dataLength)
                        + " bytes past the end of the " + dataLength + "-byte data section (truncated file?)");
            }
            covered = e.end;
            previous = e;
        }
        if (covered != dataLength) {
            throw bad("data section is " + dataLength + " bytes, but the tensors cover only " + covered
                    + " (" + (dataLength - covered) + " trailing bytes belong to no tensor)");
        }
    }

    private Tensor load(FileChannel ch, Entry e, long dataStart) throws IOException {
        int n = Math.toIntExact((e.end - e.begin) / SafeTensors.itemSize(e.dtype));
        double[] d = e.dtype == DType.FLOAT64 ? new double[n] : null;
        float[] f = e.dtype == DType.FLOAT32 ? new float[n] : null;
        int item = SafeTensors.itemSize(e.dtype);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(e.end - e.begin, 1 << 16)).order(ByteOrder.LITTLE_ENDIAN);
        long pos = dataStart + e.begin;
        for (int i = 0; i < n; ) {
            buf.clear().limit((int) Math.min(buf.capacity(), (long) (n - i) * item));
            readFully(ch, buf, pos);
            pos += buf.limit();
            buf.flip();
            for (; buf.hasRemaining(); i++) {
                if (d != null) {
                    d[i] = buf.getDouble();
                } else {
                    f[i] = buf.getFloat();
                }
            }
        }
        return d != null ? Tensor.wrap(d, e.shape) : Tensor.wrap(f, e.shape);
    }

    private void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new EOFException(file + ": unexpected end of file at offset " + pos
                        + " (did the file shrink while being read?)");
            }
            pos += r;
        }
    }

    private static String kind(Object v) {
        return switch (v) {
            case null -> "null";
            case String s -> "the string \"" + s + "\"";
            case Map<?, ?> _ -> "an object";
            case List<?> _ -> "an array";
            case Boolean b -> "the boolean " + b;
            default -> "the number " + v;
        };
    }

    private FileFormatException bad(String problem) {
        return new FileFormatException(file, problem);
    }
}
