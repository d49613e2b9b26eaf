"""PyTorch twin of a tfjs-layers model, for the bench's app rows: the same layers in the same graph, trained
with the same batch size and Adam (pytorch_bench.py times it). A job is

  {"model": <tfjs-layers model.toJSON()>, "inputs": {name: {"shape": [...], "dtype": "float32"|"int32", "high": N}},
   "losses": {output: "binary"|"multiclass"|"multilabel"|"regression"}, "batch": N}

Images are NCHW here (PyTorch's default layout); masks are not applied (the masked LSTM runs every step in both,
carrying state over masked ones in tfjs).
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


class Layer(nn.Module):
    """One tfjs-layers layer: `module` (may be None) then the layer's activation."""

    def __init__(self, cls, config):
        super().__init__()
        self.cls, self.config = cls, config
        self.activation = ACTIVATIONS[config.get("activation", "linear")]
        self.module = self.build(cls, config)

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

    def forward(self, *xs):
        c = self.config
        if self.cls == "Concatenate":
            return torch.cat(xs, dim=c.get("axis", -1))
        (x,) = xs
        if self.cls == "Flatten":
            return torch.flatten(x, 1)
        if self.cls in ("LSTM", "GRU"):
            if self.module is None:  # built on first use: its input width is known only now
                self.module = (nn.LSTM if self.cls == "LSTM" else nn.GRU)(x.shape[-1], c["units"], batch_first=True).to(x.device)
            out, _ = self.module(torch.flip(x, [1]) if c.get("go_backwards") else x)
            return out if c.get("return_sequences") else out[:, -1]
        return self.activation(self.module(x))


class Twin(nn.Module):
    def __init__(self, topology):
        super().__init__()
        config = topology["config"]
        self.order, self.inbound = [], {}
        self.layers = nn.ModuleDict()
        for layer in config["layers"]:
            name = layer["config"]["name"]
            if layer["class_name"] != "InputLayer":
                self.layers[name] = Layer(layer["class_name"], layer["config"])
                self.order.append(name)
                self.inbound[name] = [entry[0] for entry in layer["inbound_nodes"][0]]
        self.outputs = [entry[0] for entry in config["output_layers"]]

    def forward(self, inputs):
        values = dict(inputs)
        for name in self.order:
            values[name] = self.layers[name](*(values[i] for i in self.inbound[name]))
        return [values[name] for name in self.outputs]


def batch_of(job, device):
    xs = {}
    for name, spec in job["inputs"].items():
        shape = [job["batch"], *spec["shape"]]
        if len(shape) == 4:  # an image: NHWC in tfjs, NCHW here
            shape = [shape[0], shape[3], shape[1], shape[2]]
        xs[name] = torch.randint(0, spec["high"], shape) if spec["dtype"] == "int32" else torch.randn(shape)
    return {name: x.to(device) for name, x in xs.items()}


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
    model = Twin(job["model"]).to(device)
    xs = batch_of(job, device)
    kinds = [job["losses"][name] for name in model.outputs]
    with torch.no_grad():  # materialises the lazy layers and shapes the targets
        targets = [target_of(kind, p) for kind, p in zip(kinds, model(xs))]

    def loss():
        return sum(loss_of(kind, p, target) for kind, p, target in zip(kinds, model(xs), targets))

    return model, loss
