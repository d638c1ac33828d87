package dev.jgrad.data;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets jgrad knows by name: the files a copy must hold, where they are published and their
 * published MD5 checksums.
 *
 * <p>Checksums are the MD5 values published with the files and used by torchvision's MNIST,
 * FashionMNIST and CIFAR10 classes: Fashion-MNIST's from the zalandoresearch/fashion-mnist README,
 * CIFAR-10's from https://www.cs.toronto.edu/~kriz/cifar.html, MNIST's from torchvision (the
 * LeCun page publishes none). They identify the gzip/tar.gz downloads, not their contents: Debian's
 * {@code dataset-fashion-mnist} recompresses the same IDX data, so its .gz files have other MD5s.
 */
final class Catalog {

    enum Format { IDX, CIFAR10 }

    /**
     * One dataset. {@code train} and {@code test} are the file names a copy holds (IDX files may also
     * be stored uncompressed, without ".gz"); {@code md5} maps each download to its checksum;
     * {@code archive} is the one download that unpacks into the files, or null when the files are the
     * downloads.
     */
    record Entry(String name, Format format, List<String> train, List<String> test, List<URI> mirrors,
                 Map<String, String> md5, String archive, String debianPackage) {

        List<String> downloads() {
            return List.copyOf(md5.keySet());
        }
    }

    private static final List<String> IDX_TRAIN = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz");
    private static final List<String> IDX_TEST = List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    static final Map<String, Entry> ENTRIES;

    static {
        Map<String, Entry> m = new LinkedHashMap<>();
        m.put("fashion-mnist", new Entry("fashion-mnist", Format.IDX, IDX_TRAIN, IDX_TEST,
                List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
                        URI.create("https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/")),
                idx("8d4fb7e6c68d591d4c3dfef9ec88bf0d", "25c81989df183df01b3e8a0aad5dffbe",
                        "bef4ecab320f06d8554ea6380940ec79", "bb300cfdad3c16e7a12a480ee83cd310"),
                null, "dataset-fashion-mnist"));
        m.put("mnist", new Entry("mnist", Format.IDX, IDX_TRAIN, IDX_TEST,
                List.of(URI.create("http://yann.lecun.com/exdb/mnist/"),
                        URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/")),
                idx("f68b3c2dcbeaaa9fbdd348bbdeb94873", "d53e105ee54ea40749a09fcbcd1e9432",
                        "9fb629c4189551a2d022fa330f9573f3", "ec29112dd5afa0611ce80d1b7f02629c"),
                null, null));
        m.put("cifar10", new Entry("cifar10", Format.CIFAR10,
                Cifar10Reader.TRAIN_FILES, List.of(Cifar10Reader.TEST_FILE),
                List.of(URI.create("https://www.cs.toronto.edu/~kriz/")),
                Map.of("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530"),
                "cifar-10-binary.tar.gz", null));
        ENTRIES = java.util.Collections.unmodifiableMap(m);
    }

    private Catalog() {
    }

    private static Map<String, String> idx(String trainImages, String trainLabels, String testImages, String testLabels) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(IDX_TRAIN.get(0), trainImages);
        m.put(IDX_TRAIN.get(1), trainLabels);
        m.put(IDX_TEST.get(0), testImages);
        m.put(IDX_TEST.get(1), testLabels);
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The entry, or an error listing the known names. */
    static Entry get(String name) {
        Entry e = ENTRIES.get(name);
        if (e == null) {
            throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }
}
