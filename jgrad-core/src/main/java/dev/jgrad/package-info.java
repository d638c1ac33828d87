/**
 * The tensor facade: {@link dev.jgrad.Tensor} (values, views, every op as a method, backward),
 * {@link dev.jgrad.DType}, shape arithmetic in {@link dev.jgrad.Shape}, and {@link dev.jgrad.ShapeException}.
 */
package dev.jgrad;
