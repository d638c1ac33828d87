package dev.jgrad.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class DataLocatorTest {

    private static final String[] IDX = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    @TempDir
    Path tmp;

    private static Path idxCopy(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : IDX) {
            Files.write(dir.resolve(f), new byte[0]);
        }
        return dir;
    }

    private DataLocator locator(Path env) {
        return DataLocator.of(env == null ? Map.of() : Map.of(DataLocator.ENV, env.toString()),
                tmp.resolve("home"), tmp.resolve("system"));
    }

    @Test
    void searchOrderIsEnvNameThenEnvThenHomeThenSystem() throws IOException {
        Path env = tmp.resolve("env");
        Path sys = idxCopy(tmp.resolve("system/fashion-mnist"));
        DataLocator loc = locator(env);
        assertEquals(sys, loc.locate("fashion-mnist").dir());
        Path home = idxCopy(tmp.resolve("home/.jgrad/data/fashion-mnist"));
        assertEquals(home, loc.locate("fashion-mnist").dir());
        idxCopy(env);
        assertEquals(env, loc.locate("fashion-mnist").dir());
        Path envNamed = idxCopy(env.resolve("fashion-mnist"));
        assertEquals(envNamed, loc.locate("fashion-mnist").dir());
        assertEquals(envNamed.resolve(IDX[0]), loc.locate("fashion-mnist").train().get(0));
        assertEquals(envNamed.resolve(IDX[3]), loc.locate("fashion-mnist").test().get(1));
    }

    @Test
    void anExplicitDirectoryWinsAndIsTheOnlyPlaceSearched() throws IOException {
        idxCopy(tmp.resolve("home/.jgrad/data/mnist"));
        Path explicit = idxCopy(tmp.resolve("mine/mnist"));
        DataLocator loc = locator(null);
        assertEquals(explicit, loc.locate("mnist", tmp.resolve("mine")).dir());
        assertEquals(explicit, loc.locate("mnist", explicit).dir());
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> loc.locate("mnist", tmp.resolve("nowhere")));
        assertEquals(2, e.places().size());
        assertEquals("mnist", e.name());
    }

    @Test
    void uncompressedIdxFilesAndTheCifarArchiveFolderAreFound() throws IOException {
        Path d = Files.createDirectories(tmp.resolve("home/.jgrad/data/mnist"));
        for (String f : IDX) {
            Files.write(d.resolve(f.replace(".gz", "")), new byte[0]);
        }
        assertEquals(d.resolve("t10k-images-idx3-ubyte"), locator(null).locate("mnist").test().get(0));
        Path c = Files.createDirectories(tmp.resolve("system/cifar10/cifar-10-batches-bin"));
        for (String f : Cifar10Reader.TRAIN_FILES) {
            Files.write(c.resolve(f), new byte[0]);
        }
        Files.write(c.resolve(Cifar10Reader.TEST_FILE), new byte[0]);
        DataFiles files = locator(null).locate("cifar10");
        assertEquals(c, files.dir());
        assertEquals(5, files.train().size());
        assertEquals(c.resolve("test_batch.bin"), files.test().get(0));
    }

    @Test
    void notFoundListsEveryPlaceWhatItLackedAndHowToGetTheFiles() throws IOException {
        Path env = tmp.resolve("env");
        Path partial = idxCopy(env.resolve("fashion-mnist"));
        Files.delete(partial.resolve(IDX[3]));
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> locator(env).locate("fashion-mnist"));
        String m = e.getMessage();
        assertEquals(4, e.places().size());
        assertTrue(m.startsWith("fashion-mnist: data files not found. Looked in:\n"), m);
        assertTrue(m.contains(partial + " ($JGRAD_DATA/fashion-mnist): lacks t10k-labels-idx1-ubyte[.gz]"), m);
        assertTrue(m.contains(env + " ($JGRAD_DATA): lacks train-images-idx3-ubyte[.gz], "), m);
        assertTrue(m.contains(tmp.resolve("home/.jgrad/data/fashion-mnist") + " (~/.jgrad/data/fashion-mnist): no such directory"), m);
        assertTrue(m.contains(tmp.resolve("system/fashion-mnist") + " (system datasets): no such directory"), m);
        assertTrue(m.contains("apt-get install dataset-fashion-mnist"), m);
        assertTrue(m.contains("`jgrad data fetch fashion-mnist`"), m);
        assertTrue(m.contains("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz"), m);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> locator(null).locate("imagenet"));
        assertEquals("unknown dataset 'imagenet'; known: fashion-mnist, mnist, cifar10", e.getMessage());
        assertEquals(java.util.List.of("fashion-mnist", "mnist", "cifar10"), DataLocator.knownNames());
    }

    @Test
    void installedFashionMnistLoads60000TrainAnd10000TestImagesWithBalancedLabels() throws IOException {
        Path system = Path.of("/usr/share/datasets");
        assumeTrue(Files.isDirectory(system.resolve("fashion-mnist")), "Debian's dataset-fashion-mnist is not installed");
        DataFiles files = DataLocator.of(Map.of(), tmp, system).locate("fashion-mnist");
        Dataset train = files.loadTrain(PixelScale.UNIT);
        Dataset test = files.loadTest(PixelScale.BYTE);
        assertArrayEquals(new int[]{60000, 1, 28, 28}, train.x().shape());
        assertArrayEquals(new int[]{10000, 1, 28, 28}, test.x().shape());
        int[] perClass = new int[10];
        for (int y : train.labels()) {
            perClass[y]++;
        }
        int[] testPerClass = new int[10];
        for (int y : test.labels()) {
            testPerClass[y]++;
        }
        int[] six = new int[10];
        int[] one = new int[10];
        java.util.Arrays.fill(six, 6000);
        java.util.Arrays.fill(one, 1000);
        assertArrayEquals(six, perClass);
        assertArrayEquals(one, testPerClass);
        float max = 0;
        for (float v : train.x().f32()) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1f, max);
    }
}
