package dev.jgrad;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** jgrad's version, as the build wrote it into {@code dev/jgrad/jgrad.properties}. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    /** The version, such as {@code 0.1.0-SNAPSHOT}, or {@code unknown} when the build did not record one. */
    public static String current() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("jgrad.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
