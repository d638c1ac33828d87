"""What jgrad's PyTorch peer scripts (elementwise_torch.py, smallnet_torch.py) share: the thread settings, the
shared bench's noise monitor, and timing in repetitions, leaving out those in which other processes used more
than a tenth of the machine."""
import os
import statistics
import sys


def setup(threads):
    """Sets the thread count for PyTorch and its libraries (before torch loads) and returns the torch module."""
    for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[v] = str(threads)
    peer = os.environ.get("JGRAD_PEER_BENCH",
                          os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                                       "shared", "bench"))
    sys.path.insert(0, peer)
    import torch
    torch.set_num_threads(threads)
    return torch


def timed(body, calls, reps):
    """Times reps repetitions of calls calls of body (up to 3 reps in all while too few are clean); returns the
    median microseconds per call over the clean ones (all of them when none is), and the clean and total counts."""
    from noise import Mon
    clean, every = [], []
    while len(clean) < reps and len(every) < 3 * reps:
        mon = Mon().start()
        for _ in range(calls):
            body()
        mon.stop()
        us = mon.wall / calls * 1e6
        every.append(us)
        if mon.other_frac <= 0.10:
            clean.append(us)
    return statistics.median(clean or every), len(clean), len(every)
