package dev.jgrad.backend;

/** Test access to the package-private backend selection. */
public final class BackendAccess {
    private BackendAccess() {
    }

    public static Kernels select(String forced) {
        return Backend.select(forced);
    }
}
