/**
 * One file per differentiable op ("gate"): its forward computation (calling kernels), its reverse rule
 * (vector-Jacobian product) and its forward-mode rule (Jacobian-vector product), both written in tensor
 * ops so they can be differentiated again. Rules are written as if nothing were broadcast: the engine
 * sums gradients back over broadcast axes in one place. Adding an op is one file here and one test.
 */
package dev.jgrad.op;
