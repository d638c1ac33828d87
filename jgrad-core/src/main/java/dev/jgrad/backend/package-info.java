/**
 * The kernel layer: primitive-array loops behind the {@link dev.jgrad.backend.Kernels} SPI, the scalar
 * reference implementation, and the one place where a backend is selected. Knows nothing of tensors
 * or autograd.
 */
package dev.jgrad.backend;
