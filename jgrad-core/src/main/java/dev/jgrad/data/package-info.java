/** Datasets in memory, minibatching, and seeded toy data sets (the CS231n spiral, moons, circles, blobs). */
package dev.jgrad.data;
