package dev.jgrad.data;

/** How image readers map stored bytes to float32 pixel values. */
public enum PixelScale {
    /** The stored value: 0 .. 255. */
    BYTE,
    /** The stored value divided by 255: 0 .. 1. */
    UNIT;

    float factor() {
        return this == BYTE ? 1f : 1f / 255f;
    }
}
