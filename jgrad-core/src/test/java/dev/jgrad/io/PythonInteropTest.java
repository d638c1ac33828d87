package dev.jgrad.io;

import dev.jgrad.DType;
import dev.jgrad.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Files written by jgrad are read by the reference implementation (Python's {@code safetensors} package
 * with numpy), and the files it writes are read by jgrad. Runs only where {@code python3} can import
 * {@code safetensors.numpy}; elsewhere it is skipped.
 */
class PythonInteropTest {

    /** Reads jgrad's file, writes every tensor back with a doubled copy and a few of its own. */
    private static final String SCRIPT = """
            import sys
            import numpy as np
            from safetensors import safe_open
            from safetensors.numpy import load_file, save_file
            src, dst = sys.argv[1], sys.argv[2]
            tensors = load_file(src)
            with safe_open(src, framework="np") as f:
                meta = f.metadata() or {}
            out = {}
            for name, v in tensors.items():
                out[name] = v
                out[name + ".doubled"] = np.asarray(v * 2, dtype=v.dtype)
            out["py.f64"] = np.arange(6, dtype=np.float64).reshape(2, 3)
            out["py.f32"] = np.array([0.5, -1.5], dtype=np.float32)
            out["py.scalar"] = np.array(3.25, dtype=np.float64)
            out["py.empty"] = np.zeros((0, 4), dtype=np.float32)
            save_file(out, dst, metadata={"origin": meta.get("origin", "none"), "writer": "python"})
            """;

    @TempDir
    Path dir;

    private static boolean pythonCanImport(String module) {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import " + module).redirectErrorStream(true).start();
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false; // no python3 on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void referenceImplementationReadsJgradFilesAndJgradReadsItsFiles() throws Exception {
        assumeTrue(pythonCanImport("safetensors.numpy"), "python3 with the safetensors package is not installed");
        SplittableRandom rng = new SplittableRandom(11);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w32", Tensor.randn(rng, 3, 5).to(DType.FLOAT32));
        tensors.put("b64", Tensor.randn(rng, 5));
        tensors.put("scalar", Tensor.scalar(-2.5, DType.FLOAT32));
        tensors.put("zero", Tensor.zeros(DType.FLOAT64, 2, 0));
        tensors.put("cube", Tensor.randn(rng, 2, 3, 4).to(DType.FLOAT32));
        Path mine = dir.resolve("jgrad.safetensors");
        Path theirs = dir.resolve("python.safetensors");
        SafeTensors.write(mine, tensors, Map.of("origin", "jgrad"));
        Path script = Files.writeString(dir.resolve("interop.py"), SCRIPT);

        Process p = new ProcessBuilder("python3", script.toString(), mine.toString(), theirs.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python3 did not finish");
        assertEquals(0, p.exitValue(), "python3 failed:\n" + output);

        SafeTensors.Contents back = SafeTensors.read(theirs);
        assertEquals(Map.of("origin", "jgrad", "writer", "python"), back.metadata());
        tensors.forEach((name, t) -> {
            SafeTensorsTest.assertSameTensor(t, back.tensors().get(name), name);
            SafeTensorsTest.assertSameTensor(t.mul(2), back.tensors().get(name + ".doubled"), name + ".doubled");
        });
        assertArrayEquals(new double[]{0, 1, 2, 3, 4, 5}, back.tensors().get("py.f64").f64());
        assertArrayEquals(new int[]{2, 3}, back.tensors().get("py.f64").shape());
        assertArrayEquals(new float[]{0.5f, -1.5f}, back.tensors().get("py.f32").f32());
        assertEquals(0, back.tensors().get("py.scalar").rank());
        assertEquals(3.25, back.tensors().get("py.scalar").item());
        assertEquals(List.of(0, 4), List.of(back.tensors().get("py.empty").shape()[0], back.tensors().get("py.empty").shape()[1]));
    }
}
