#!/usr/bin/env python3
"""Writes Micro32.java, the float32 GEMM micro-kernels, to standard output.

The kernels are straight-line code (every accumulator a local, so that C2 keeps it in a register), so they
are generated rather than written by hand, one per (rows, vectors) pair below. Micro64.java is the
float64 twin: tools/twin64.py Micro32.java > Micro64.java. From jgrad-core:

    python3 tools/gen_micro.py > src/main/java/dev/jgrad/backend/vector/Micro32.java
"""
KERNELS = [
    (6, 4, "A tile of six rows by four vectors: 24 accumulators, for 32 vector registers (AVX-512, NEON)."),
    (6, 3, "Six rows by three vectors: the last column panel of the 6 x 4 tiling, when it is at most three vectors wide."),
    (6, 2, "Six rows by two vectors: a last column panel at most two vectors wide."),
    (6, 1, "Six rows by one vector: a last column panel at most one vector wide."),
    (4, 2, "A tile of four rows by two vectors: 8 accumulators, for the 16 registers of AVX2.\n     * (6 x 2 spills one accumulator there, and the store-to-load chain halves the speed)."),
    (4, 1, "Four rows by one vector: the last column panel of the 4 x 2 tiling, when it is at most one vector wide."),
]
def times(n, unit):
    """n * unit as a Java term: empty for 0, unit alone for 1."""
    return '' if n == 0 else unit if n == 1 else f'{n} * {unit}'
def terms(*parts):
    """The non-empty terms summed, or 0."""
    return ' + '.join(p for p in parts if p) or '0'
def off(r, v):
    return terms('ci', times(r, 'ldc'), times(v, 'L'))
def packed_b(nv):
    """B's index at k step p in a packed micro-panel of nv vectors: a constant stride (a variable one, as in
    the in-place kernels, ran 1024³ 2-10% slower)."""
    return f'            int bp = bi + p * ({nv} * L);' if nv > 1 else '            int bp = bi + p * L;'
def kernel(doc, signature, addresses, a_index, mr, nv, b_address=packed_b):
    """One kernel: accumulators, the k loop (its address lines, B's vectors, A's broadcasts and the FMAs), then
    the tile stored into C or added to it. a_index(r) is row r's index into a inside the loop."""
    o = [doc, signature]
    for r in range(mr):
        for v in range(nv):
            o.append(f'        FloatVector c{r}{v} = FloatVector.zero(S);')
    o.append('        for (int p = 0; p < kc; p++) {')
    o.extend(addresses)
    o.append(b_address(nv))
    for v in range(nv):
        idx = 'bp' if v == 0 else ('bp + L' if v == 1 else f'bp + {v} * L')
        o.append(f'            FloatVector b{v} = FloatVector.fromArray(S, b, {idx});')
    for r in range(mr):
        o.append(f'            FloatVector a{r} = FloatVector.broadcast(S, a[{a_index(r)}]);')
        for v in range(nv):
            o.append(f'            c{r}{v} = a{r}.fma(b{v}, c{r}{v});')
    o.append('        }')
    o.append('        if (add) {')
    for r in range(mr):
        for v in range(nv):
            x = off(r, v)
            o.append(f'            c{r}{v}.add(FloatVector.fromArray(S, c, {x})).intoArray(c, {x});')
    o.append('        } else {')
    for r in range(mr):
        for v in range(nv):
            o.append(f'            c{r}{v}.intoArray(c, {off(r, v)});')
    o.append('        }')
    o.append('    }')
    return '\n'.join(o)


# A read through its strides (a packed micro-panel, or A in place): row r at k step p is a[ai + r * ars + p * acs].
STRIDED_A = ['            int ap = ai + p * acs;']
def strided_a(r):
    return 'ap' if r == 0 else ('ap + ars' if r == 1 else f'ap + {r} * ars')
out = []
for mr, nv, doc in KERNELS:
    out.append(kernel(
        f'    /** {doc} */' if '\n' not in doc else f'    /**\n     * {doc}\n     */',
        f'    static void kernel{mr}x{nv}(int kc, float[] a, int ai, int ars, int acs, float[] b, int bi,\n'
        f'                          float[] c, int ci, int ldc, boolean add) {{',
        STRIDED_A, strided_a, mr, nv))
# The same tiles with B read in place, its k steps brs apart (row-major B, brs = ldb): for C blocks of few rows,
# where packing B would copy it to read each value once or twice (see Gemm32.readsBInPlace).
for mr, nv, _ in KERNELS:
    out.append(kernel(
        f'    /** The {mr} x {nv} tile with B in place: its k steps brs apart. */',
        f'    static void kernel{mr}x{nv}r(int kc, float[] a, int ai, int ars, int acs, float[] b, int bi, int brs,\n'
        f'                           float[] c, int ci, int ldc, boolean add) {{',
        STRIDED_A, strided_a, mr, nv, lambda nv: '            int bp = bi + p * brs;'))
# Patch kernels, for the 6-row tile: A's value for row r at k step p is a[at + off[fo + p] + r], plus d for
# the rows from `split` on (a convolution's patches read straight from the padded image: six consecutive
# output positions, the last 6 - split of them on the next output row, d further on in the padded image).
# One kernel per split: each row's offset is then a constant, so one address serves a run of rows.
for nv, split in [(nv, split) for nv in (4, 2) for split in range(1, 7)]:
    if split == 6:
        doc = f'    /** The 6 x {nv} tile over six patch rows with consecutive offsets (see {{@code Patches32}}). */'
    else:
        doc = f'    /** The 6 x {nv} tile over six patch rows, the last {6 - split} d further on (see {{@code Patches32}}). */'
    addresses = ['            int k = at + off[fo + p];']
    if split < 6:
        addresses.append('            int n = k + d;  // the next output row')
    out.append(kernel(
        doc,
        f'    static void kernel6x{nv}p{split}(int kc, float[] a, int at, int d, int[] off, int fo, float[] b, int bi,\n'
        f'                           float[] c, int ci, int ldc, boolean add) {{',
        addresses,
        lambda r, split=split: ('k' if r < split else 'n') + ('' if r == 0 else f' + {r}'), 6, nv))
# Tail kernels (see Gemm32.tail): four columns of C, over all of k, for the columns past the last whole vector.
def tail_kernel(doc, signature, n, loop, b_of, a_of):
    """n x 4 accumulators c{i}{j}; the loop: its opening lines, B's four vectors b_of(j), then per i A's vector
    a_of(i) and its four FMAs; then each accumulator stored at s[(i * 4 + j) * L]."""
    o = [doc, signature]
    o += [f'        FloatVector c{i}{j} = FloatVector.zero(S);' for i in range(n) for j in range(4)]
    o += loop
    o += [f'            FloatVector b{j} = {b_of(j)};' for j in range(4)]
    for i in range(n):
        o.append(f'            FloatVector a{i} = {a_of(i)};')
        o += [f'            c{i}{j} = a{i}.fma(b{j}, c{i}{j});' for j in range(4)]
    o.append('        }')
    o += [f'        c{i}{j}.intoArray(s, {terms(times(i * 4 + j, "L"))});' for i in range(n) for j in range(4)]
    o.append('    }')
    return '\n'.join(o)
def dot(mr, doc):
    """mr rows of A (contiguous along k, lda apart) against four columns of B copied one after another
    (bt[j * k + p]), the lanes along k; the accumulators are stored at s[(r * 4 + j) * L] for the caller to
    sum across their lanes."""
    return tail_kernel(doc, f'    static void dot{mr}x4(int k, float[] a, int ai, int lda, float[] bt, float[] s) {{', mr,
                       ['        int kb = S.loopBound(k);', '        for (int p = 0; p < kb; p += L) {'],
                       lambda j: f'FloatVector.fromArray(S, bt, {terms(times(j, "k"), "p")})',
                       lambda r: f'FloatVector.fromArray(S, a, {terms("ai", times(r, "lda"), "p")})')
def cols(nv, masked, doc):
    """nv vectors of rows of A stored transposed (a k step's rows contiguous, k steps lda apart) against
    four columns of B whose values for a k step are together (bt[p * 4 + j]), the lanes along m; vector v of
    column j is stored at s[(v * 4 + j) * L]."""
    mask = ', VectorMask<Float> mask' if masked else ''
    return tail_kernel(doc, f'    static void cols{nv}x4(int k, float[] a, int ai, int lda, float[] bt, float[] s{mask}) {{', nv,
                       ['        for (int p = 0; p < k; p++) {', '            int ap = ai + p * lda;',
                        '            int bp = p * 4;'],
                       lambda j: f'FloatVector.broadcast(S, bt[{terms("bp", str(j) if j else "")}])',
                       lambda v: f'FloatVector.fromArray(S, a, {terms("ap", times(v, "L"))}{", mask" if masked else ""})')
out.append(dot(6, '    /** Tail: six rows of A, along k, against four columns; s[(r * 4 + j) * L] (see {@code Gemm32.tail}). */'))
out.append(dot(1, '    /** Tail: one row of A, along k, against four columns; s[j * L]. */'))
out.append(cols(6, False, '    /** Tail: six vectors of rows of A stored transposed, against four columns; s[(v * 4 + j) * L]. */'))
out.append(cols(1, True, '    /** Tail: one vector of rows of A stored transposed, the lanes in mask, against four columns; s[j * L]. */'))
head = '''package dev.jgrad.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 GEMM micro-kernels: an MR-row by NV-vector tile of C held in registers over one k-block.
 * Written out straight-line, every accumulator a local, so that C2 keeps them in vector registers: a
 * Vector passed to a method the JIT does not inline is boxed, which is ~15x slower.
 *
 * <p>Operands: A's value for tile row r at k step p is {@code a[ai + r * ars + p * acs]}, so the kernel
 * reads a packed micro-panel ({@code ars = 1, acs = MR}) or A in place, row-major ({@code ars = lda,
 * acs = 1}) or transposed ({@code ars = 1, acs = lda}). B is a packed micro-panel, NV * L values per k
 * step from {@code bi}; in the {@code r} kernels ({@code kernel6x4r} ...) B is read in place, its k steps
 * {@code brs} apart. The finished tile is stored at {@code c[ci + r * ldc ...]}, added to what is there
 * when {@code add} is set: C itself for full tiles, or a scratch tile ({@code ldc = NR}) that the caller
 * merges.
 *
 * <p>Each tiling has narrower kernels for its last column panel, so that a product whose column count is
 * not a multiple of the tile width (N = 100 against a 64-wide tile) computes at most one vector of padding
 * per row instead of a whole tile's.
 *
 * <p>The kernels {@code kernel6x4p1 .. p6} and {@code kernel6x2p1 .. p6} read A as a convolution's patches,
 * straight from the padded image (see {@code Patches32}): row r's value at k step p is
 * {@code a[at + off[fo + p] + r]}, plus {@code d} for the rows from the split on. Six base addresses, one per
 * row, ran at three quarters of the speed: with constant row offsets one address serves a run of rows.
 *
 * <p>The tail kernels ({@code dot6x4}, {@code dot1x4}, {@code cols6x4}, {@code cols1x4}) compute four
 * columns of C over all of k for the columns past the last whole vector (see {@code Gemm32.tail}): with the
 * lanes along k (A's rows contiguous; the caller sums each accumulator's lanes) or along m (A stored
 * transposed). They store their accumulators, one vector each, at {@code s[(r * 4 + j) * L]}.
 */
final class Micro32 {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Micro32() {
    }

'''
print(head + '\n\n'.join(out) + '\n}')
