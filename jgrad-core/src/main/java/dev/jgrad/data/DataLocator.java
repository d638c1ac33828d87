package dev.jgrad.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the files of a named dataset ({@code fashion-mnist}, {@code mnist}, {@code cifar10}).
 *
 * <p>Search order: an explicit directory ({@code --data DIR}) when given, and then only it (a wrong
 * explicit path should fail, not silently pick up another copy); otherwise
 * {@code $JGRAD_DATA/<name>}, {@code $JGRAD_DATA} itself, {@code ~/.jgrad/data/<name>} and
 * {@code /usr/share/datasets/<name>} (where Debian's {@code dataset-fashion-mnist} installs). A
 * directory also matches through a {@code <name>/} sub-folder (for an explicit one) and, for cifar10,
 * through {@code cifar-10-batches-bin/}. IDX files may be gzip ({@code .gz}) or uncompressed.
 *
 * <p>The environment, home directory and system root are injectable for tests:
 * {@code DataLocator.of(Map.of("JGRAD_DATA", "/tmp/d"), home, root)}.
 */
public final class DataLocator {

    /** The environment variable naming a data directory. */
    public static final String ENV = "JGRAD_DATA";

    private final Map<String, String> env;
    private final Path home;
    private final Path systemRoot;

    private DataLocator(Map<String, String> env, Path home, Path systemRoot) {
        this.env = Map.copyOf(env);
        this.home = home;
        this.systemRoot = systemRoot;
    }

    /** This process's environment, {@code user.home} and {@code /usr/share/datasets}. */
    public static DataLocator system() {
        return new DataLocator(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("/usr/share/datasets"));
    }

    /** A locator over the given environment, home directory and system dataset root. */
    public static DataLocator of(Map<String, String> env, Path home, Path systemRoot) {
        return new DataLocator(env, home, systemRoot);
    }

    /** The dataset names this locator knows. */
    public static List<String> knownNames() {
        return List.copyOf(Catalog.ENTRIES.keySet());
    }

    /** Where {@code jgrad data fetch <name>} puts the files: {@code ~/.jgrad/data/<name>}. */
    public Path fetchDir(String name) {
        Catalog.get(name);
        return home.resolve(".jgrad").resolve("data").resolve(name);
    }

    /** Searches without an explicit directory. */
    public DataFiles locate(String name) throws DataNotFoundException {
        return locate(name, null);
    }

    /**
     * The files of {@code name}, from {@code explicitDir} when it is not null, else from the first
     * complete directory in the search order. Fails listing every place looked at and how to get the files.
     */
    public DataFiles locate(String name, Path explicitDir) throws DataNotFoundException {
        Catalog.Entry e = Catalog.get(name);
        List<String> looked = new ArrayList<>();
        for (Place p : places(name, explicitDir)) {
            for (Path dir : expand(e, p.dir)) {
                String missing = missing(e, dir);
                if (missing == null) {
                    return files(e, dir);
                }
                looked.add(dir + " (" + p.source + "): " + missing);
            }
        }
        throw new DataNotFoundException(name, looked, notFound(e, looked));
    }

    /** The complete copy in {@code dir} (or its {@code cifar-10-batches-bin/}), or null. */
    static DataFiles filesIn(String name, Path dir) {
        Catalog.Entry e = Catalog.get(name);
        for (Path d : expand(e, dir)) {
            if (missing(e, d) == null) {
                return files(e, d);
            }
        }
        return null;
    }

    private record Place(Path dir, String source) {
    }

    private List<Place> places(String name, Path explicitDir) {
        List<Place> out = new ArrayList<>();
        if (explicitDir != null) {
            out.add(new Place(explicitDir, "--data"));
            out.add(new Place(explicitDir.resolve(name), "--data/" + name));
            return out;
        }
        String env = this.env.get(ENV);
        if (env != null && !env.isBlank()) {
            Path root = Path.of(env);
            out.add(new Place(root.resolve(name), "$" + ENV + "/" + name));
            out.add(new Place(root, "$" + ENV));
        }
        out.add(new Place(fetchDir(name), "~/.jgrad/data/" + name));
        out.add(new Place(systemRoot.resolve(name), "system datasets"));
        return out;
    }

    private static List<Path> expand(Catalog.Entry e, Path dir) {
        return e.format() == Catalog.Format.CIFAR10 ? List.of(dir, dir.resolve(Cifar10Reader.ARCHIVE_DIR)) : List.of(dir);
    }

    /** Null when complete, else what is missing. */
    private static String missing(Catalog.Entry e, Path dir) {
        if (!Files.isDirectory(dir)) {
            return Files.exists(dir) ? "not a directory" : "no such directory";
        }
        List<String> lack = new ArrayList<>();
        for (String f : all(e)) {
            if (find(e, dir, f) == null) {
                lack.add(display(e, f));
            }
        }
        return lack.isEmpty() ? null : "lacks " + String.join(", ", lack);
    }

    private static DataFiles files(Catalog.Entry e, Path dir) {
        List<Path> train = e.train().stream().map(f -> find(e, dir, f)).toList();
        List<Path> test = e.test().stream().map(f -> find(e, dir, f)).toList();
        return new DataFiles(e.name(), dir, train, test);
    }

    /** The file as named, or for IDX its uncompressed twin without ".gz"; null when neither is there. */
    private static Path find(Catalog.Entry e, Path dir, String file) {
        Path p = dir.resolve(file);
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (e.format() == Catalog.Format.IDX && file.endsWith(".gz")) {
            Path raw = dir.resolve(file.substring(0, file.length() - 3));
            return Files.isRegularFile(raw) ? raw : null;
        }
        return null;
    }

    private static List<String> all(Catalog.Entry e) {
        List<String> all = new ArrayList<>(e.train());
        all.addAll(e.test());
        return all;
    }

    private static String display(Catalog.Entry e, String file) {
        return e.format() == Catalog.Format.IDX && file.endsWith(".gz") ? file.substring(0, file.length() - 3) + "[.gz]" : file;
    }

    private String notFound(Catalog.Entry e, List<String> looked) {
        StringBuilder sb = new StringBuilder(e.name()).append(": data files not found. Looked in:\n");
        for (String l : looked) {
            sb.append("  ").append(l).append('\n');
        }
        sb.append("Needs: ").append(String.join(", ", all(e).stream().map(f -> display(e, f)).toList())).append('\n');
        sb.append("To get them: ");
        if (e.debianPackage() != null) {
            sb.append("on Debian or Ubuntu, apt-get install ").append(e.debianPackage()).append("; or ");
        }
        sb.append("run `jgrad data fetch ").append(e.name()).append("` (downloads into ").append(fetchDir(e.name()))
                .append("); or download ").append(urlsWithMirrors(e)).append(" by hand");
        if (e.archive() != null) {
            sb.append(", unpack it");
        }
        sb.append(" and put the files in one of the places above, or set $").append(ENV).append(" or pass --data DIR.");
        return sb.toString();
    }

    /** The downloads at the first host, then the other hosts that serve the same files. */
    static String urlsWithMirrors(Catalog.Entry e) {
        String urls = String.join(", ", e.downloads().stream().map(f -> e.mirrors().get(0).resolve(f).toString()).toList());
        List<String> others = e.mirrors().stream().skip(1).map(Object::toString).toList();
        return others.isEmpty() ? urls : urls + " (also at " + String.join(", ", others) + ")";
    }

    @Override
    public String toString() {
        return "DataLocator($" + ENV + "=" + env.getOrDefault(ENV, "") + ", home=" + home + ", system=" + systemRoot + ")";
    }
}
