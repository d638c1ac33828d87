/**
 * The engine: the one choke point that applies an op and records it ({@link dev.jgrad.autograd.Engine#apply}),
 * the backward sweep, grad mode, forward-mode tangents, the functional transforms in
 * {@link dev.jgrad.autograd.Autodiff}, gradient checking, anomaly detection, graph export, and op-level
 * profiling ({@link dev.jgrad.autograd.Profile}).
 */
package dev.jgrad.autograd;
