"""PyTorch twin of a tfjs-layers model, for the bench's app rows: the same layers in the same graph, trained
with the same batch size and Adam (pytorch_bench.py times it). A job is

  {"model": <tfjs-layers model.toJSON()>,
   "inputs": {name: {"shape": [...], "dtype": "float32"|"int32", "high": N, "lengths": [...] (optional)}},
   "losses": {output: "binary"|"multiclass"|"multilabel"|"regression"}, "batch": N, "pack": bool (optional)}

Images are NCHW here (PyTorch's default layout). Token ids are random, with the real batch's padding: an input's
`lengths` (given when every row of the real batch is padded with 0 at its end) puts each row's ids first, zeros
after. Masks are applied only where Mimo skips the padding too, so that both do the same work: on cuda a sigmoid
LSTM over a mask of end padding runs packed in Mimo (libtorch's at::lstm), and packed here (pack_padded_sequence,
a row with no tokens as one step). Anywhere else the masked LSTM runs every step in both (tfjs carries state
over the masked ones), and here unmasked. `pack` says whether to pack; it defaults to whether the device is cuda.
"""
import torch
from torch import nn

ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": torch.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softmax": lambda x: torch.softmax(x, -1),
    "elu": nn.functional.elu,
    "selu": nn.functional.selu,
    "softplus": nn.functional.softplus,
}


# Layers that hand their input's mask on, as tfjs-layers' do (a sequence's per-step Dense included).
MASK_KEEPING = ("Dropout", "Dense")


class Layer(nn.Module):
    """One tfjs-layers layer: `module` (may be None) then the layer's activation. `pack`: whether an LSTM with
    sigmoid gates packs the rows of a masked input (see the module's docstring)."""

    def __init__(self, cls, config, pack):
        super().__init__()
        self.cls, self.config = cls, config
        self.activation = ACTIVATIONS[config.get("activation", "linear")]
        self.module = self.build(cls, config)
        self.packs = pack and cls == "LSTM" and config.get("recurrent_activation") == "sigmoid" and not config.get("go_backwards")
        self.packed = False  # whether it packed its input's rows (set on its first call)

    @staticmethod
    def build(cls, c):
        if cls == "Dense":
            return nn.LazyLinear(c["units"], bias=c.get("use_bias", True))
        if cls == "Conv2D":
            stride = c["strides"][0] if c.get("strides") else 1
            return nn.LazyConv2d(c["filters"], c["kernel_size"], stride, padding=c["padding"] if stride == 1 else 0, bias=c.get("use_bias", True))
        if cls == "MaxPooling2D":
            return nn.MaxPool2d(c["pool_size"], c.get("strides") or c["pool_size"], ceil_mode=c.get("padding") == "same")
        if cls == "Dropout":
            return nn.Dropout(c["rate"])
        if cls == "Embedding":
            return nn.Embedding(c["input_dim"], c["output_dim"])
        if cls in ("LSTM", "GRU", "Flatten", "Concatenate"):  # the recurrent ones are built on first use
            return None
        raise ValueError(f"pytorch_twin: no twin for layer class {cls}")

    def forward(self, xs, lengths):
        """The layer's output for inputs `xs`, and its rows' lengths where a mask of end padding goes on with it."""
        c = self.config
        if self.cls == "Concatenate":
            return torch.cat(xs, dim=c.get("axis", -1)), None
        (x,) = xs
        if self.cls == "Flatten":
            return torch.flatten(x, 1), None
        if self.cls in ("LSTM", "GRU"):
            return self.recurrent(x, lengths)
        out = self.activation(self.module(x))
        if self.cls == "Embedding":
            return out, lengths if c.get("mask_zero") else None
        return out, lengths if self.cls in MASK_KEEPING else None

    def recurrent(self, x, lengths):
        c = self.config
        if self.module is None:  # built on first use: its input width is known only now
            self.module = (nn.LSTM if self.cls == "LSTM" else nn.GRU)(x.shape[-1], c["units"], batch_first=True).to(x.device)
        sequences = c.get("return_sequences")
        if self.packs and lengths is not None:
            self.packed = True
            rows = nn.utils.rnn.pack_padded_sequence(x, lengths.clamp(min=1).cpu(), batch_first=True, enforce_sorted=False)
            out, (h, _) = self.module(rows)
            if not sequences:
                return h[-1], None
            return nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=x.shape[1])[0], lengths
        out, _ = self.module(torch.flip(x, [1]) if c.get("go_backwards") else x)
        return (out, None) if sequences else (out[:, -1], None)


class Twin(nn.Module):
    def __init__(self, topology, pack):
        super().__init__()
        config = topology["config"]
        self.order, self.inbound = [], {}
        self.layers = nn.ModuleDict()
        for layer in config["layers"]:
            name = layer["config"]["name"]
            if layer["class_name"] != "InputLayer":
                self.layers[name] = Layer(layer["class_name"], layer["config"], pack)
                self.order.append(name)
                self.inbound[name] = [entry[0] for entry in layer["inbound_nodes"][0]]
        self.outputs = [entry[0] for entry in config["output_layers"]]

    def forward(self, inputs, lengths):
        values, masks = dict(inputs), dict(lengths)
        for name in self.order:
            inbound = self.inbound[name]
            values[name], masks[name] = self.layers[name]([values[i] for i in inbound], masks.get(inbound[0]) if len(inbound) == 1 else None)
        return [values[name] for name in self.outputs]


def batch_of(job, device):
    """Random inputs shaped as the job's, and the lengths of the inputs whose rows are padded at their end."""
    xs, lengths = {}, {}
    for name, spec in job["inputs"].items():
        shape = [job["batch"], *spec["shape"]]
        if len(shape) == 4:  # an image: NHWC in tfjs, NCHW here
            shape = [shape[0], shape[3], shape[1], shape[2]]
        if spec["dtype"] != "int32":
            xs[name] = torch.randn(shape)
        elif "lengths" in spec:
            lengths[name] = torch.tensor(spec["lengths"])
            padding = torch.arange(shape[1]).expand(shape) >= lengths[name][:, None]
            xs[name] = torch.randint(1, max(spec["high"], 2), shape).masked_fill(padding, 0)
        else:
            xs[name] = torch.randint(0, spec["high"], shape)
    return {name: x.to(device) for name, x in xs.items()}, {name: n.to(device) for name, n in lengths.items()}


def target_of(kind, prediction):
    """A fixed random target shaped like the head's prediction: a class index, 0/1 labels or values."""
    if kind == "multiclass":
        return torch.randint(0, prediction.shape[-1], prediction.shape[:-1], device=prediction.device)
    if kind in ("binary", "multilabel"):
        return torch.randint(0, 2, prediction.shape, device=prediction.device).float()
    return torch.randn_like(prediction)


def loss_of(kind, prediction, target):
    if kind == "multiclass":
        return nn.functional.nll_loss(torch.log(prediction.clamp_min(1e-7)), target)
    if kind in ("binary", "multilabel"):
        return nn.functional.binary_cross_entropy(prediction.clamp(1e-7, 1 - 1e-7), target)
    return nn.functional.mse_loss(prediction, target)


def build_twin(job, device):
    """The twin of `job`'s model on `device`, and its loss on a fixed random batch."""
    model = Twin(job["model"], job.get("pack", torch.device(device).type == "cuda")).to(device)
    xs, lengths = batch_of(job, device)
    kinds = [job["losses"][name] for name in model.outputs]
    with torch.no_grad():  # materialises the lazy layers and shapes the targets
        targets = [target_of(kind, p) for kind, p in zip(kinds, model(xs, lengths))]

    def loss():
        return sum(loss_of(kind, p, target) for kind, p, target in zip(kinds, model(xs, lengths), targets))

    return model, loss


def packed_layers(model):
    """How many of the twin's recurrent layers pack their rows."""
    return sum(layer.packed for layer in model.layers.values())
