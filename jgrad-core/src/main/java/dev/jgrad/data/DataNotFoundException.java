package dev.jgrad.data;

import java.io.IOException;
import java.util.List;

/**
 * A named dataset whose files are in none of the places searched. The message lists every place and
 * what it lacked, and how to get the files.
 */
public final class DataNotFoundException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String[] places;

    DataNotFoundException(String name, List<String> places, String message) {
        super(message);
        this.name = name;
        this.places = places.toArray(String[]::new);
    }

    /** The dataset's name, such as {@code fashion-mnist}. */
    public String name() {
        return name;
    }

    /** The directories searched, in order, each as "path (source)". */
    public List<String> places() {
        return List.of(places);
    }
}
