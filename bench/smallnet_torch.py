#!/usr/bin/env /usr/bin/python3
"""PyTorch's side of jgrad's SmallNetBench: the same two small networks trained the same way, float32,
microseconds per training step.

usage: /usr/bin/python3 bench/smallnet_torch.py THREADS [STEPS=2000] [REPS=5]

spiral100: CS231n's spiral case study, 3 classes of 100 points, a 2-100-3 ReLU net trained on all 300 points
each step (SGD, lr 1, weight decay 1e-3). tiny: a 2-20-20-3 ReLU net, the size of the 2-D classifier demo,
trained on 10 points a step, the data set (shuffled once) walked in order (SGD, lr 0.05, momentum 0.9). A step
is zero_grad, forward, cross-entropy, backward, step. After STEPS steps of warm-up, each repetition times STEPS
steps (see torch_peer.timed: repetitions while other processes were busy are left out). Prints one JSON line
per model, with the training accuracy after all the steps.
"""
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_peer import setup, timed  # noqa: E402

nt = int(sys.argv[1])
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
torch = setup(nt)


def spiral(per_class, classes, g):
    """ToyData.spiral's points: class j's point i at radius r = i / (n - 1), angle 4j + 4r + N(0, 0.2^2)."""
    xs, ys = [], []
    for j in range(classes):
        for i in range(per_class):
            r = i / (per_class - 1)
            t = j * 4.0 + 4.0 * r + torch.randn(1, generator=g).item() * 0.2
            xs.append((r * math.sin(t), r * math.cos(t)))
            ys.append(j)
    return torch.tensor(xs, dtype=torch.float32), torch.tensor(ys)


def model(name):
    torch.manual_seed(1)
    if name == "spiral100":
        net = torch.nn.Sequential(torch.nn.Linear(2, 100), torch.nn.ReLU(), torch.nn.Linear(100, 3))
        return net, torch.optim.SGD(net.parameters(), lr=1.0, weight_decay=1e-3), 300
    net = torch.nn.Sequential(torch.nn.Linear(2, 20), torch.nn.ReLU(), torch.nn.Linear(20, 20), torch.nn.ReLU(),
                              torch.nn.Linear(20, 3))
    return net, torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9), 10


print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": steps}), flush=True)
g = torch.Generator().manual_seed(0)
x, y = spiral(100, 3, g)
order = torch.randperm(len(y), generator=g)  # shuffled once, so that a step's 10 points mix the classes
x, y = x[order].contiguous(), y[order].contiguous()
loss_fn = torch.nn.CrossEntropyLoss()
for name in ("spiral100", "tiny"):
    net, opt, batch = model(name)
    at = [0]

    def step():
        s = at[0]
        at[0] = (s + batch) % len(y)
        opt.zero_grad()
        loss = loss_fn(net(x[s:s + batch]), y[s:s + batch])
        loss.backward()
        opt.step()

    for _ in range(steps):  # warm-up
        step()
    us, clean, every = timed(step, steps, reps)
    with torch.no_grad():
        acc = (net(x).argmax(1) == y).float().mean().item()
    print(json.dumps({"model": name, "threads": nt, "us_per_step": round(us, 2), "train_acc": round(acc, 4),
                      "clean_reps": clean, "reps": every}), flush=True)
