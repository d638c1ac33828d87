/**
 * Neural-network building blocks written in tensor ops, so that their backward passes come from the
 * engine: {@link dev.jgrad.nn.Module} and its containers, layers, activations, losses and initializers.
 */
package dev.jgrad.nn;
