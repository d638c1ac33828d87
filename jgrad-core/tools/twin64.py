#!/usr/bin/env python3
"""Prints the float64 twin of a float32 vector-backend class (Binary32, Gemm32, Micro32, ...).

The backend keeps one class per dtype so that every loop is monomorphic for C2; the float64 class is this
mechanical rewrite of the float32 one. From jgrad-core:

    V=src/main/java/dev/jgrad/backend/vector; python3 tools/twin64.py $V/Gemm32.java > $V/Gemm64.java

Classes with no twin written this way (Pool64, Update32, VMath64: its series and constants are longer) are
edited by hand.
"""
import re
import sys

s = open(sys.argv[1]).read()
s = s.replace('FloatVector', 'DoubleVector').replace('VectorSpecies<Float>', 'VectorSpecies<Double>')
s = s.replace('VectorMask<Float>', 'VectorMask<Double>').replace('VectorShuffle<Float>', 'VectorShuffle<Double>')
s = re.sub(r'\bFloat\.(NaN|POSITIVE_INFINITY|NEGATIVE_INFINITY|MAX_VALUE|MIN_VALUE|BYTES)\b', r'Double.\1', s)
s = s.replace('float32', 'float64')
s = re.sub(r'\bfloat\b', 'double', s)
s = re.sub(r'\b(Micro|Gemm|Gemv|Small|Unfold|Binary|Unary|Reduce|Pool|Select|Transpose|VMath|Patches)32\b', r'\g<1>64', s)
s = re.sub(r'\b(\d+)f\b', r'\1.0', s)
s = re.sub(r'\b12 KiB', '24 KiB', s)
s = s.replace('(float)', '(double)')
sys.stdout.write(s)
