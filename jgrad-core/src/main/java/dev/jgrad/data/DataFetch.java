package dev.jgrad.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Downloads a named dataset from its publishers' hosts and checks every file against its published
 * MD5 before it becomes visible: each download goes to a temporary file in the target directory and is
 * renamed into place atomically, so a directory never holds a partial or corrupt file under a real name.
 *
 * <p>Hosts, tried in order: fashion-mnist from Zalando's S3 site, then its GitHub repository; mnist
 * from yann.lecun.com, then PyTorch's S3 mirror (the LeCun site often refuses downloads); cifar10 from
 * www.cs.toronto.edu/~kriz ({@code cifar-10-binary.tar.gz}, unpacked to {@code cifar-10-batches-bin/}
 * and then deleted). Checksums are in {@link Catalog} with their sources. Plain-http hosts are safe
 * to use only because of the checksum.
 *
 * <p>Offline, it fails within the connect timeout (10 s by default) with a message saying where to
 * download the files by hand and where to put them.
 */
public final class DataFetch {

    /** No single download may exceed this (CIFAR-10's archive is 170 MB). */
    static final long MAX_DOWNLOAD_BYTES = 256L << 20;

    private final List<URI> baseOverride;
    private final Duration connectTimeout;

    private DataFetch(List<URI> baseOverride, Duration connectTimeout) {
        this.baseOverride = baseOverride;
        this.connectTimeout = connectTimeout;
    }

    /** The publishers' hosts, a 10 s connect timeout. */
    public static DataFetch official() {
        return new DataFetch(null, Duration.ofSeconds(10));
    }

    /** Fetch from {@code base} instead (a mirror, or a local server in tests): file URL = base + file name. */
    public DataFetch baseUrl(URI base) {
        String s = base.toString();
        return new DataFetch(List.of(s.endsWith("/") ? base : URI.create(s + "/")), connectTimeout);
    }

    public DataFetch connectTimeout(Duration d) {
        return new DataFetch(baseOverride, d);
    }

    /**
     * Downloads dataset {@code name} into {@code dir} (created if needed; usually
     * {@link DataLocator#fetchDir}) unless a complete copy is already there, and returns its files.
     * Files already present with the right checksum are kept.
     */
    public DataFiles fetch(String name, Path dir) throws IOException {
        Catalog.Entry e = Catalog.get(name);
        DataFiles have = DataLocator.filesIn(name, dir);
        if (have != null) {
            return have;
        }
        boolean created = !Files.exists(dir);
        Files.createDirectories(dir);
        try (HttpClient client = client()) {
            for (Map.Entry<String, String> d : e.md5().entrySet()) {
                Path target = dir.resolve(d.getKey());
                if (!(Files.isRegularFile(target) && md5(target).equals(d.getValue()))) {
                    downloadFromMirrors(client, e, d.getKey(), target, d.getValue(), dir);
                }
            }
        } catch (IOException ex) {
            if (created) {
                deleteIfEmpty(dir);
            }
            throw ex;
        }
        if (e.archive() != null) {
            Path out = dir.resolve(Cifar10Reader.ARCHIVE_DIR);
            Files.createDirectories(out);
            List<String> files = new ArrayList<>(e.train());
            files.addAll(e.test());
            TarGz.extract(dir.resolve(e.archive()), out, new HashSet<>(files), 64L << 20);
            Files.delete(dir.resolve(e.archive()));
        }
        DataFiles got = DataLocator.filesIn(name, dir);
        if (got == null) {
            throw new IOException("fetch " + name + ": downloaded, but " + dir + " still lacks files");
        }
        return got;
    }

    /**
     * Downloads {@code url} to {@code target} if its MD5 is {@code md5Hex}: through a temporary file in
     * the target's directory, renamed into place atomically; on any failure nothing is left behind.
     */
    public void download(URI url, Path target, String md5Hex) throws IOException {
        try (HttpClient client = client()) {
            download(client, url, target, md5Hex);
        }
    }

    private void downloadFromMirrors(HttpClient client, Catalog.Entry e, String file, Path target, String md5, Path dir)
            throws IOException {
        List<String> failures = new ArrayList<>();
        List<URI> bases = baseOverride != null ? baseOverride : e.mirrors();
        for (URI base : bases) {
            URI url = base.resolve(file);
            try {
                download(client, url, target, md5);
                return;
            } catch (InterruptedIOException ex) {
                throw ex;
            } catch (IOException ex) {
                failures.add(url + ": " + describe(ex));
            }
        }
        throw new IOException("fetch " + e.name() + ": could not download " + file + "\n  " + String.join("\n  ", failures)
                + "\nTo get the files by hand, download " + DataLocator.urlsWithMirrors(e)
                + (e.archive() != null ? ", unpack it" : "") + " and put " + (e.archive() != null ? "cifar-10-batches-bin/" : "them")
                + " in " + dir + (e.debianPackage() != null ? "; or on Debian or Ubuntu: apt-get install " + e.debianPackage() : "")
                + ".");
    }

    private void download(HttpClient client, URI url, Path target, String md5Hex) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        HttpRequest req = HttpRequest.newBuilder(url).timeout(connectTimeout.multipliedBy(3)).GET().build();
        HttpResponse<InputStream> res;
        try {
            res = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("download of " + url + " interrupted");
        }
        try (InputStream body = res.body()) {
            if (res.statusCode() != 200) {
                throw new IOException("HTTP " + res.statusCode());
            }
            long length = res.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length > MAX_DOWNLOAD_BYTES) {
                throw new IOException("Content-Length " + length + " is more than the " + MAX_DOWNLOAD_BYTES + " expected at most");
            }
            Path tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".part");
            try {
                String got = copyHashing(body, tmp);
                if (!got.equalsIgnoreCase(md5Hex)) {
                    throw new DataFileException(target, "MD5 of the download from " + url + " is " + got + ", expected "
                            + md5Hex + " (corrupt or not the published file); nothing was written");
                }
                moveAtomically(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static String copyHashing(InputStream in, Path tmp) throws IOException {
        MessageDigest md = md5Digest();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                total += r;
                if (total > MAX_DOWNLOAD_BYTES) {
                    throw new IOException("more than the " + MAX_DOWNLOAD_BYTES + " bytes expected at most");
                }
                md.update(buf, 0, r);
                out.write(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Renames within one directory atomically; a file system without atomic rename gets a plain replace. */
    static void moveAtomically(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.delete(dir);
        } catch (IOException ignored) {
            // not empty, or gone: either way nothing of ours to clean up
        }
    }

    static String md5(Path file) throws IOException {
        MessageDigest md = md5Digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) >= 0; ) {
                md.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }

    private HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private static String describe(IOException e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return e instanceof ConnectException ? "cannot connect (" + m + "; offline?)" : m;
    }

    @Override
    public String toString() {
        return "DataFetch(" + (baseOverride != null ? baseOverride.get(0) : "official hosts") + ", connect timeout "
                + connectTimeout.toSeconds() + " s)";
    }
}
