/**
 * The {@code jgrad} command line: {@link dev.jgrad.cli.Main}. For now it prints the lecture's worked
 * examples (every value and gradient computed by jgrad) and their graph as DOT or JSON.
 */
package dev.jgrad.cli;
