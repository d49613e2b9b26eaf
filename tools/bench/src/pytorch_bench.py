"""PyTorch twins of tools/bench's runs, timed on request, so that the bench can alternate their repetitions with
Mimo's: a slow spell of the machine then falls on both alike.

Usage: python3 pytorch_bench.py THREADS [DEVICE, default cpu] [ADAM: fused (default) | default] [DENORMALS: flush
(default) | keep, as Mimo's MIMO_FLUSH_DENORMALS]. It replies {"version": torch's, "adam": the Adam it runs (see
adam_kind), "denormals": "flushed" or "kept"} first, then one JSON line per request line on stdin:

  {"prepare": {"bench": "mlp"|"cnn"|"lstm"|"gru", "batch": N}}   → {"params": N, "adam": "fused"|"default"}: builds
                                                                   the model and the Adam it runs
  {"prepare": {"twin": <a pytorch_twin.py job>}}                 → {"params": N, "packed": N}: packed: its LSTMs that
                                                                   pack their rows (pytorch_twin.py)
  {"prepare": {"loop": "mlp"|"lstm", "batch": N}}                → {"params": N}: a user's loop (see user_loop)
  {"warmup": STEPS, "seconds": S} → {"steps": N} after N ≥ STEPS steps of the prepared model, for ≥ S seconds (0 by default)
  {"repetition": MIN_SECONDS}   → {"rate": samples/s of its whole steps run for at least MIN_SECONDS}

A request that fails gets {"error": "..."}. The worker ends with its input.
"""
import ctypes
import json
import os
import sys
import time

import torch
from torch import nn

from pytorch_twin import build_twin, packed_layers


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
    if name in ("lstm", "gru"):
        return Recurrent(nn.LSTM if name == "lstm" else nn.GRU), torch.randn(batch, 50, 16), torch.randn(batch, 1), nn.MSELoss()
    raise ValueError(f"no bench model '{name}' (mlp, cnn, lstm, gru)")


def adam_kind(wanted, device):
    """The Adam the twins run: "fused" (every tensor's update in one kernel, torch.optim.Adam(fused=True): PyTorch's
    fastest, on the cpu since 2.4) when wanted and this torch has it on `device`; else "default", what
    torch.optim.Adam picks by itself (foreach on cuda, one tensor at a time on the cpu), with why when fused was
    wanted."""
    if wanted not in ("fused", "default"):
        raise ValueError(f"ADAM must be fused or default. Received: {wanted}")
    if wanted == "default":
        return "default"
    try:
        weight = torch.zeros(1, device=device, requires_grad=True)
        weight.grad = torch.ones_like(weight)
        torch.optim.Adam([weight], fused=True).step()
        return "fused"
    except (RuntimeError, TypeError, ValueError) as error:
        return f"default (fused: {str(error).splitlines()[0]})"


ADAM = "fused"  # set by __main__ from adam_kind


class Training:
    """Adam steps on `loss_of_batch()`, timed in repetitions. Each step ends with the loss on the host, as Mimo's
    training step does (it reads the loss back), which also synchronises a GPU."""

    def __init__(self, model, loss_of_batch, batch):
        self.optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, **({"fused": True} if ADAM == "fused" else {}))
        self.loss_of_batch, self.batch = loss_of_batch, batch
        self.params = sum(p.numel() for p in model.parameters())

    def step(self):
        self.optimizer.zero_grad()
        loss = self.loss_of_batch()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    def repetition(self, min_seconds):
        """Samples/s of whole steps run for at least `min_seconds`."""
        start = time.perf_counter()
        steps = 0
        while steps == 0 or time.perf_counter() - start < min_seconds:
            self.step()
            steps += 1
        return steps * self.batch / (time.perf_counter() - start)


def set_threads(threads):
    """torch's threads, and the BLAS's as Mimo's torch backend sets them (libs/backend-torch/native/blas.h): a
    pthread OpenBLAS gets one thread beside torch's OpenMP pool, which it otherwise fights for the cores."""
    torch.set_num_threads(threads)
    # torch's extension's handle: symbol lookups search its dependency tree, where OpenBLAS is under any file name.
    blas = ctypes.CDLL(torch._C.__file__, mode=os.RTLD_LAZY | os.RTLD_NOLOAD)
    if hasattr(blas, "openblas_get_parallel") and blas.openblas_get_parallel() == 1 and "OPENBLAS_NUM_THREADS" not in os.environ:
        blas.openblas_set_num_threads(1)


LOOP_BATCHES = 16  # as tools/bench/src/user-loop.ts


def user_loop(name, batch, device):
    """A training loop as a user writes it: the bench model with logits out, a batch sliced (a view) from a larger
    tensor each step, BCEWithLogitsLoss on 0/1 labels, Adam; the twin of user-loop.ts's."""
    model, x, _, _ = build(name, batch * LOOP_BATCHES)
    model, xs = model.to(device), x.to(device)
    ys = (torch.rand(batch * LOOP_BATCHES, 1) > 0.5).float().to(device)
    loss_fn = nn.BCEWithLogitsLoss()
    step = [0]

    def loss_of_batch():
        start = (step[0] % LOOP_BATCHES) * batch
        step[0] += 1
        return loss_fn(model(xs[start : start + batch]), ys[start : start + batch])

    return Training(model, loss_of_batch, batch)


def prepare(request, device):
    """The Training a prepare request names."""
    torch.manual_seed(1)
    if "loop" in request:
        return user_loop(request["loop"], request["batch"], device)
    if "twin" in request:
        model, loss = build_twin(request["twin"], device)
        training = Training(model, loss, request["twin"]["batch"])
        training.packed = packed_layers(model)
        return training
    model, x, y, loss_fn = build(request["bench"], request["batch"])
    model, x, y = model.to(device), x.to(device), y.to(device)
    return Training(model, lambda: loss_fn(model(x), y), request["batch"])


def serve(requests, reply, device):
    """Answers each request line (see the module's docstring) until the input ends."""
    training = None
    for line in requests:
        try:
            request = json.loads(line)
            if "prepare" in request:
                training = None  # frees the last model first
                training = prepare(request["prepare"], device)
                fused = training.optimizer.param_groups[0].get("fused")
                reply({"params": training.params, "adam": "fused" if fused else "default", **({"packed": training.packed} if hasattr(training, "packed") else {})})
            elif training is None:
                reply({"error": "no model prepared"})
            elif "warmup" in request:
                start, steps = time.perf_counter(), 0
                while steps < request["warmup"] or time.perf_counter() - start < request.get("seconds", 0):
                    training.step()
                    steps += 1
                reply({"steps": steps})
            else:
                reply({"rate": training.repetition(request["repetition"])})
        except Exception as error:  # the bench reports it on the request's row and goes on
            reply({"error": f"{type(error).__name__}: {error}"})


if __name__ == "__main__":
    # Replies go to the original stdout; anything else printed there (a library's chatter) goes to stderr, so it
    # cannot put the bench's request / reply pairs out of step.
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    # Before any thread is started, which then inherits it: torch sets the mode of the calling thread only. Kept
    # denormals cost Intel cores a microcode assist each, 7x on the nlp twin's steps (docs/benchmarks.md).
    flush = (sys.argv[4] if len(sys.argv) > 4 else "flush") == "flush"
    denormals = "flushed" if flush and torch.set_flush_denormal(True) else "kept"
    set_threads(int(sys.argv[1]))
    device = sys.argv[2] if len(sys.argv) > 2 else "cpu"
    ADAM = adam_kind(sys.argv[3] if len(sys.argv) > 3 else "fused", device)
    # float32 products in full precision on both sides: Mimo's torch backend turns cuDNN's TF32 off as well.
    torch.backends.cudnn.allow_tf32 = False

    def reply(message):
        print(json.dumps(message), file=replies, flush=True)

    reply({"version": torch.__version__, "adam": ADAM, "denormals": denormals})
    serve(sys.stdin, reply, device)
