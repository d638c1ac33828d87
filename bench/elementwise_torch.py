#!/usr/bin/env /usr/bin/python3
"""PyTorch's side of jgrad's ElementwiseBench: the same float32 ops on the same sizes, microseconds per call.

usage: /usr/bin/python3 bench/elementwise_torch.py THREADS [REPS=5] [MIN_SECONDS=0.2]

Each op runs under torch.no_grad() on a (rows x cols) tensor of standard normal values, allocating its
result as jgrad's does. Each repetition lasts at least MIN_SECONDS; a repetition in which other processes
used more than a tenth of the machine (the peer bench's noise.py) is dirty, and the median is over the clean
ones (all of them when none is clean). Prints one JSON line per op and size.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_peer import setup, timed  # noqa: E402

nt = int(sys.argv[1])
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
min_s = float(sys.argv[3]) if len(sys.argv) > 3 else 0.2
torch = setup(nt)
import torch.nn.functional as F  # noqa: E402

SIZES = [(128, 256), (1024, 1024)]  # ElementwiseBench's @Param


def ops(x, y, bias, labels):
    return {
        "add": lambda: x + y,
        "addBias": lambda: x + bias,
        "mul": lambda: x * y,
        "relu": lambda: torch.relu(x),
        "exp": lambda: torch.exp(x),
        "tanh": lambda: torch.tanh(x),
        "sigmoid": lambda: torch.sigmoid(x),
        "sumRows": lambda: x.sum(1),
        "sumColumns": lambda: x.sum(0),
        "logSoftmax": lambda: F.log_softmax(x, 1),
        "softmaxCrossEntropy": lambda: F.cross_entropy(x, labels),
    }


print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads()}), flush=True)
with torch.no_grad():
    for rows, cols in SIZES:
        g = torch.Generator().manual_seed(3)
        x = torch.randn(rows, cols, generator=g)
        y = torch.randn(rows, cols, generator=g)
        bias = torch.randn(cols, generator=g)
        labels = torch.randint(0, cols, (rows,), generator=g)
        for name, f in ops(x, y, bias, labels).items():
            for _ in range(20):
                f()
            t0 = time.perf_counter()
            f()
            calls = max(1, int(min_s / max(time.perf_counter() - t0, 1e-7)))
            us, clean, every = timed(f, calls, reps)
            print(json.dumps({"op": name, "size": f"{rows}x{cols}", "threads": nt, "us": round(us, 3),
                              "clean_reps": clean, "reps": every}), flush=True)
