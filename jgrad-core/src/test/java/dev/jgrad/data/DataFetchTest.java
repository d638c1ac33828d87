package dev.jgrad.data;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataFetchTest {

    @TempDir
    Path dir;

    private HttpServer server;
    private final byte[] payload = TestBytes.random(70_000, new SplittableRandom(1));

    /** A loopback-only server: /f.bin is the payload, everything else 404. */
    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestURI().getPath().endsWith("/f.bin") || ex.getRequestURI().getPath().endsWith(".gz")
                    ? payload : null;
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/data/");
    }

    private static String md5(byte[] b) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    private List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.toList();
        }
    }

    @Test
    void offlineFetchFailsFastSayingWhereToGetTheFilesByHandAndWhereToPutThem() throws IOException {
        DataFetch fetch = DataFetch.official().baseUrl(URI.create("http://127.0.0.1:9/")).connectTimeout(Duration.ofSeconds(3));
        Path target = dir.resolve("fashion-mnist");
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, () -> fetch.fetch("fashion-mnist", target));
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "took more than 10 s");
        String m = e.getMessage();
        assertTrue(m.startsWith("fetch fashion-mnist: could not download train-images-idx3-ubyte.gz\n  http://127.0.0.1:9/train-images-idx3-ubyte.gz: "), m);
        assertTrue(m.contains("To get the files by hand, download http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"), m);
        assertTrue(m.contains(" in " + target), m);
        assertTrue(m.contains("(also at https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/)"), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
        assertFalse(Files.exists(target), "the directory fetch created is removed again");
    }

    @Test
    void downloadWithTheRightChecksumLandsUnderTheTargetNameAndNothingElse() throws Exception {
        Path target = dir.resolve("sub/f.bin");
        DataFetch.official().download(base().resolve("f.bin"), target, md5(payload));
        assertArrayEquals(payload, Files.readAllBytes(target));
        assertEquals(List.of(target), files(target.getParent()));
    }

    @Test
    void aChecksumMismatchKeepsTheOldFileAndLeavesNoTemporaryFile() throws Exception {
        Path target = dir.resolve("f.bin");
        Files.writeString(target, "old");
        String wrong = "0123456789abcdef0123456789abcdef";
        DataFileException e = assertThrows(DataFileException.class,
                () -> DataFetch.official().download(base().resolve("f.bin"), target, wrong));
        assertTrue(e.getMessage().startsWith(target + ": MD5 of the download from " + base().resolve("f.bin") + " is "
                + md5(payload) + ", expected " + wrong), e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), files(dir));
    }

    @Test
    void httpErrorsAreReportedAndWriteNothing() {
        Path target = dir.resolve("missing.bin");
        IOException e = assertThrows(IOException.class,
                () -> DataFetch.official().download(base().resolve("missing.bin"), target, "00"));
        assertEquals("HTTP 404", e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void fetchRejectsFilesThatAreNotThePublishedOnes() throws IOException {
        Path target = dir.resolve("mnist");
        IOException e = assertThrows(IOException.class, () -> DataFetch.official().baseUrl(base()).fetch("mnist", target));
        assertTrue(e.getMessage().contains("expected f68b3c2dcbeaaa9fbdd348bbdeb94873"), e.getMessage());
        Files.createDirectories(target);
        assertThrows(IOException.class, () -> DataFetch.official().baseUrl(base()).fetch("mnist", target));
        assertEquals(List.of(), files(target), "an existing directory is kept, and holds no partial download");
    }

    // ---------------------------------------------------------------- tar.gz extraction

    private static void entry(ByteArrayOutputStream tar, String name, byte[] data) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, n.length);
        byte[] size = String.format("%011o", data.length).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(size, 0, h, 124, size.length);
        h[156] = '0';
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 5);
        tar.writeBytes(h);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
    }

    @Test
    void tarGzExtractionWritesOnlyTheWantedFilesUnderTheirBaseNames() throws IOException {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        byte[] a = TestBytes.random(3073 * 2, new SplittableRandom(2));
        entry(tar, "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.UTF_8));
        entry(tar, "cifar-10-batches-bin/data_batch_1.bin", a);
        entry(tar, "../test_batch.bin", new byte[10]);
        tar.writeBytes(new byte[1024]);
        Path archive = Files.write(dir.resolve("a.tar.gz"), TestBytes.gzip(tar.toByteArray()));
        Path out = Files.createDirectories(dir.resolve("out"));
        TarGz.extract(archive, out, Set.of("data_batch_1.bin"), 1 << 20);
        assertEquals(List.of(out.resolve("data_batch_1.bin")), files(out));
        assertArrayEquals(a, Files.readAllBytes(out.resolve("data_batch_1.bin")));
        assertFalse(Files.exists(dir.resolve("test_batch.bin")));

        DataFileException e = assertThrows(DataFileException.class,
                () -> TarGz.extract(archive, out, Set.of("data_batch_1.bin", "data_batch_2.bin"), 1 << 20));
        assertEquals(archive + ": archive lacks [data_batch_2.bin]", e.getMessage());
        DataFileException big = assertThrows(DataFileException.class,
                () -> TarGz.extract(archive, out, Set.of("data_batch_1.bin"), 100));
        assertTrue(big.getMessage().contains("is 6146 bytes, more than the expected at most 100"), big.getMessage());
    }
}
