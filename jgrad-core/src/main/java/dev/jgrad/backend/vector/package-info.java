/**
 * The SIMD kernels: {@link dev.jgrad.backend.Kernels} implemented with the Vector API. This is the ONLY
 * package that imports {@code jdk.incubator.vector}; everything else reaches it through
 * {@link dev.jgrad.backend.Backend}, which loads {@link dev.jgrad.backend.vector.VectorKernels}
 * reflectively so that the core runs (on scalar kernels) when the incubator module is absent.
 */
package dev.jgrad.backend.vector;
