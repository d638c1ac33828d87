package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SafeTensorsTest {

    @TempDir
    Path dir;

    private static final int[][] SHAPES = {{}, {0}, {1}, {3}, {2, 3}, {2, 0, 3}, {1, 1, 1, 1, 5}, {3, 4, 5}};

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyShapeRoundTripsBitForBit(DType dtype) throws Exception {
        SplittableRandom rng = new SplittableRandom(42);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int[] shape : SHAPES) {
            tensors.put("t" + Arrays.toString(shape), Tensor.randn(rng, shape).sub(0.5).to(dtype));
        }
        Path file = dir.resolve("all.safetensors");
        SafeTensors.write(file, tensors);
        SafeTensors.Contents back = SafeTensors.read(file);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()), "header keeps the order");
        assertEquals(Map.of(), back.metadata());
        tensors.forEach((name, t) -> assertSameTensor(t, back.tensors().get(name), name));
    }

    @Test
    void specialValuesKeepTheirBits() throws Exception {
        double[] d = {Double.NaN, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                Double.MAX_VALUE, 1.0 / 3};
        float[] f = {Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 1f / 3};
        Path file = dir.resolve("special.safetensors");
        SafeTensors.write(file, Map.of("d", Tensor.of(d, d.length), "f", Tensor.of(f, f.length)));
        SafeTensors.Contents back = SafeTensors.read(file);
        assertArrayEquals(d, back.tensors().get("d").f64());
        assertArrayEquals(f, back.tensors().get("f").f32());
    }

    @Test
    void mixedDtypesAndMetadataRoundTrip() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("odd32", Tensor.of(new float[]{1, 2, 3}, 3));        // 12 bytes: would misalign what follows
        tensors.put("w64", Tensor.of(new double[]{4, 5, 6, 7}, 2, 2));
        tensors.put("é/ünïcode \"name\"", Tensor.scalar(9, DType.FLOAT32));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("note", "line\nbreak and \"quotes\"");
        Path file = dir.resolve("mixed.safetensors");
        SafeTensors.write(file, tensors, meta);
        SafeTensors.Contents back = SafeTensors.read(file);
        assertEquals(meta, back.metadata());
        tensors.forEach((name, t) -> assertSameTensor(t, back.tensors().get(name), name));
    }

    @Test
    void viewsAreWrittenInRowMajorOrderOfTheirShape() throws Exception {
        Tensor t = Tensor.of(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).transpose(); // [3, 2]: 1 4 / 2 5 / 3 6
        Path file = dir.resolve("view.safetensors");
        SafeTensors.write(file, Map.of("t", t));
        Tensor back = SafeTensors.read(file).tensors().get("t");
        assertArrayEquals(new int[]{3, 2}, back.shape());
        assertArrayEquals(new double[]{1, 4, 2, 5, 3, 6}, back.f64());
    }

    @Test
    void tinyFileMatchesTheHandComputedLayout() throws Exception {
        Path file = dir.resolve("tiny.safetensors");
        SafeTensors.write(file, Map.of("a", Tensor.of(new float[]{1.0f, -2.0f}, 2)));
        // {"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}} is 54 bytes; padded with 2 spaces to 56.
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals(54, json.length());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[]{56, 0, 0, 0, 0, 0, 0, 0});               // header length, u64 LE
        expected.writeBytes(json.getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[]{' ', ' '});                              // padding to 8
        expected.writeBytes(new byte[]{0, 0, (byte) 0x80, 0x3f});               // 1.0f  = 0x3f800000 LE
        expected.writeBytes(new byte[]{0, 0, 0, (byte) 0xc0});                  // -2.0f = 0xc0000000 LE
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void float64TensorsComeFirstInTheDataSoEveryTensorIsAligned() throws Exception {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("x", Tensor.of(new float[]{1, 2, 3}, 3));
        tensors.put("y", Tensor.scalar(0.5));
        Path file = dir.resolve("order.safetensors");
        SafeTensors.write(file, tensors, Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(file);
        String json = "{\"__metadata__\":{\"k\":\"v\"},\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[8,20]},"
                + "\"y\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}";
        int n = (json.length() + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(n, b.getLong());
        assertEquals(json + " ".repeat(n - json.length()), new String(bytes, 8, n, StandardCharsets.UTF_8));
        b.position(8 + n);
        assertEquals(0.5, b.getDouble());
        assertEquals(1f, b.getFloat());
        assertEquals(2f, b.getFloat());
        assertEquals(3f, b.getFloat());
        assertEquals(8 + n + 20, bytes.length);
    }

    @Test
    void reservedOrNullNamesAreRefusedBeforeWriting() {
        Path file = dir.resolve("bad.safetensors");
        assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(file, Map.of("__metadata__", Tensor.scalar(1))));
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("x", null);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(file, withNull));
        assertEquals(false, Files.exists(file));
    }

    @Test
    void writingReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("a", Tensor.vector(1, 2)));
        SafeTensors.write(file, Map.of("b", Tensor.vector(3)));
        assertEquals(List.of("b"), List.copyOf(SafeTensors.read(file).tensors().keySet()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    static void assertSameTensor(Tensor expected, Tensor actual, String name) {
        assertEquals(expected.dtype(), actual.dtype(), name);
        assertArrayEquals(expected.shape(), actual.shape(), name);
        if (expected.dtype() == DType.FLOAT64) {
            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), name);
        } else {
            assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), name);
        }
    }
}
