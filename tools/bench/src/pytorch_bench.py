"""PyTorch twins of tools/bench's models: prints {"model": [samples/s per repetition]} as JSON.

Usage: python3 pytorch_bench.py BATCH REPETITIONS MIN_SECONDS WARMUP THREADS MODELS (comma-separated) [DEVICE, default cpu]
"""
import ctypes
import json
import os
import sys
import time

import torch
from torch import nn


class Recurrent(nn.Module):
    def __init__(self, cell):
        super().__init__()
        self.rnn = cell(16, 64, batch_first=True)
        self.out = nn.Linear(64, 1)

    def forward(self, x):
        _, state = self.rnn(x)
        h = state[0] if isinstance(state, tuple) else state
        return self.out(h[-1])


def build(name, batch):
    if name == "mlp":
        model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 1))
        return model, torch.randn(batch, 64), torch.randn(batch, 1), nn.MSELoss()
    if name == "cnn":
        model = nn.Sequential(
            nn.Conv2d(3, 32, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(32, 64, 3), nn.ReLU(), nn.Flatten(), nn.Linear(64 * 13 * 13, 10)
        )
        return model, torch.randn(batch, 3, 32, 32), torch.randint(0, 10, (batch,)), nn.CrossEntropyLoss()
    return Recurrent(nn.LSTM if name == "lstm" else nn.GRU), torch.randn(batch, 50, 16), torch.randn(batch, 1), nn.MSELoss()


def adam_rates(model, loss_of_batch, batch, repetitions, min_seconds, warmup):
    """Samples/s of each timed repetition of Adam steps on `loss_of_batch()`. Each step ends with the loss on the
    host, as Mimo's training step does (it reads the loss back), which also synchronises a GPU."""
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        optimizer.zero_grad()
        loss = loss_of_batch()
        loss.backward()
        optimizer.step()
        return loss.item()

    for _ in range(warmup):
        step()
    rates = []
    for _ in range(repetitions):
        start = time.perf_counter()
        steps = 0
        while steps == 0 or time.perf_counter() - start < min_seconds:
            step()
            steps += 1
        rates.append(steps * batch / (time.perf_counter() - start))
    return rates


def set_threads(threads):
    """torch's threads, and the BLAS's as Mimo's torch backend sets them (libs/backend-torch/native/blas.h): a
    pthread OpenBLAS gets one thread beside torch's OpenMP pool, which it otherwise fights for the cores."""
    torch.set_num_threads(threads)
    # torch's extension's handle: symbol lookups search its dependency tree, where OpenBLAS is under any file name.
    blas = ctypes.CDLL(torch._C.__file__, mode=os.RTLD_LAZY | os.RTLD_NOLOAD)
    if hasattr(blas, "openblas_get_parallel") and blas.openblas_get_parallel() == 1 and "OPENBLAS_NUM_THREADS" not in os.environ:
        blas.openblas_set_num_threads(1)


def measure(name, batch, repetitions, min_seconds, warmup, device):
    model, x, y, loss_fn = build(name, batch)
    model, x, y = model.to(device), x.to(device), y.to(device)
    return adam_rates(model, lambda: loss_fn(model(x), y), batch, repetitions, min_seconds, warmup)


if __name__ == "__main__":
    batch, repetitions, min_seconds, warmup, threads = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    set_threads(threads)
    torch.manual_seed(1)
    device = sys.argv[7] if len(sys.argv) > 7 else "cpu"
    print(json.dumps({name: measure(name, batch, repetitions, min_seconds, warmup, device) for name in sys.argv[6].split(",")}))
