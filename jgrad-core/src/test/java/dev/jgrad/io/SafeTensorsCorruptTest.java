package dev.jgrad.io;

import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every malformed file is refused with a FileFormatException that names the file and the problem. */
class SafeTensorsCorruptTest {

    @TempDir
    Path dir;

    /** A file with the given header text (padded correctly) followed by {@code dataBytes} zero bytes. */
    private Path file(String header, int dataBytes) throws Exception {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + text.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(text.length).put(text);
        Path file = dir.resolve("corrupt.safetensors");
        Files.write(file, b.array());
        return file;
    }

    private static FileFormatException refused(Path file, String expected) {
        FileFormatException e = assertThrows(FileFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertEquals(file, e.file());
        return e;
    }

    private Path valid() throws Exception {
        Path file = dir.resolve("valid.safetensors");
        SafeTensors.write(file, Map.of("w", Tensor.of(new float[]{1, 2, 3, 4}, 2, 2)));
        return file;
    }

    @Test
    void truncatedDataIsReported() throws Exception {
        Path file = valid();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        refused(file, "tensor 'w' [0, 16) runs 4 bytes past the end of the 12-byte data section (truncated file?)");
    }

    @Test
    void headerLengthLargerThanTheFileIsReported() throws Exception {
        Path file = valid();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 10_000);
        Files.write(file, bytes);
        refused(file, "header length 10000 (offset 0) is larger than the " + (bytes.length - 8) + " bytes that follow it");
    }

    @Test
    void headerLengthIsUnsigned() throws Exception {
        Path file = valid();
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        Files.write(file, bytes);
        refused(file, "header length 18446744073709551615 (offset 0)");
    }

    @Test
    void fileShorterThanTheLengthFieldIsReported() throws Exception {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[]{1, 2, 3});
        refused(file, "file is 3 bytes");
    }

    @Test
    void trailingBytesAfterTheLastTensorAreReported() throws Exception {
        Path file = valid();
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 3));
        refused(file, "data section is 19 bytes, but the tensors cover only 16 (3 trailing bytes belong to no tensor)");
    }

    @Test
    void invalidUtf8InTheHeaderIsReportedWithItsOffset() throws Exception {
        byte[] bytes = Files.readAllBytes(file("{\"a\": 1}", 0));
        bytes[8 + 3] = (byte) 0xff;
        Path file = dir.resolve("utf8.safetensors");
        Files.write(file, bytes);
        refused(file, "header is not valid UTF-8 at offset 11");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "bad JSON           | {\"w\": {\"dtype\": \"F32\" \"shape\": [1]}}  | 0  | header JSON is malformed at offset 30: unexpected character '\"', expected ',' or '}'",
            "not an object      | [1, 2]                                       | 0  | header (offset 8) does not start with '{'",
            "unknown dtype      | {\"w\": {\"dtype\": \"Q7\", \"shape\": [1], \"data_offsets\": [0, 4]}}      | 4  | tensor 'w' has unknown dtype 'Q7'",
            "unsupported dtype  | {\"w\": {\"dtype\": \"F16\", \"shape\": [2], \"data_offsets\": [0, 4]}}     | 4  | tensor 'w' has dtype F16, which jgrad does not read (it reads F32 and F64)",
            "overlapping        | {\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 8]}, \"b\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [4, 12]}} | 12 | tensor 'b' [4, 12) overlaps tensor 'a' [0, 8)",
            "same range twice   | {\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}} | 4  | overlaps tensor",
            "gap                | {\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"b\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [8, 12]}} | 12 | gap of 4 bytes at [4, 8) before tensor 'b'",
            "size vs shape      | {\"w\": {\"dtype\": \"F32\", \"shape\": [3], \"data_offsets\": [0, 8]}}     | 8  | tensor 'w' of dtype F32 and shape [3] needs 12 bytes, but its data_offsets [0, 8] span 8",
            "end before begin   | {\"w\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [8, 4]}}     | 8  | expected 0 <= begin <= end",
            "negative dimension | {\"w\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}    | 4  | has shape [-1], expected non-negative integers",
            "fractional offset  | {\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4.0]}}  | 4  | has data_offsets [0,4.0], expected non-negative integers",
            "three offsets      | {\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4, 8]}}  | 4  | expected an array of 2 integers",
            "missing shape      | {\"w\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}                    | 4  | has shape null, expected an array of integers",
            "unknown field      | {\"w\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4], \"x\": 1}} | 4 | tensor 'w' has unknown field 'x'",
            "tensor not object  | {\"w\": 3}                                   | 0  | tensor 'w' is the number 3",
            "dtype not string   | {\"w\": {\"dtype\": 32, \"shape\": [1], \"data_offsets\": [0, 4]}}         | 4  | tensor 'w' has dtype the number 32",
            "metadata number    | {\"__metadata__\": {\"epoch\": 3}}            | 0  | '__metadata__' value of key 'epoch' is the number 3; metadata values must be strings",
            "metadata array     | {\"__metadata__\": [\"a\"]}                  | 0  | '__metadata__' is an array",
            "duplicate name     | {\"w\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [0, 0]}, \"w\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [0, 0]}} | 0 | duplicate key \"w\"",
            "too many elements  | {\"w\": {\"dtype\": \"F32\", \"shape\": [65536, 65536], \"data_offsets\": [0, 4]}} | 4 | more elements than a Java array holds",
    })
    void malformedHeadersAreRefused(String name, String header, int dataBytes, String expected) throws Exception {
        refused(file(header, dataBytes), expected);
    }

    @Test
    void zeroSizeTensorsMayShareAnOffsetWithTheirNeighbours() throws Exception {
        Path file = file("{\"e\": {\"dtype\": \"F64\", \"shape\": [0, 2], \"data_offsets\": [4, 4]},"
                + " \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]},"
                + " \"z\": {\"dtype\": \"F32\", \"shape\": [0], \"data_offsets\": [0, 0]},"
                + " \"__metadata__\": null}", 4);
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(3, c.tensors().size());
        assertEquals(0, c.tensors().get("e").numel());
        assertEquals(0.0, c.tensors().get("a").item());
    }
}
