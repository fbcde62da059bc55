#!/usr/bin/env python3
"""The PyTorch module a SeqLab safetensors export loads into, and two checks with it.

A by-hand check, never part of `npm test`: SeqLab and its tests must not need Python or PyTorch.
Debian / Ubuntu: `apt-get install -y python3-torch`, then

    /usr/bin/python3 tests/tools/torch_reference.py keys [OUT.json]
        writes the state_dict keys and shapes of the reference module for each covered model shape
        (default: tests/core/common/models/sequence/torch-state-dict-keys.json, which a vitest test compares with
        the names SeqLab writes)

    /usr/bin/python3 tests/tools/torch_reference.py check MODEL.safetensors [more ...]
        builds SeqLabModel from each file's shapes and spec (seqlab.spec metadata), loads the file with
        load_state_dict(strict=True) and runs one forward pass

The naming (README, Models): one module with submodules `embedding` (nn.Embedding, token inputs only),
`rnn` (nn.LSTM / nn.GRU / nn.RNN, time-major as SeqLab) and `head` (nn.Linear on the last layer's output,
both directions concatenated):

    embedding.weight, rnn.weight_ih_l0, rnn.weight_hh_l0, rnn.bias_ih_l0, rnn.bias_hh_l0,
    rnn.weight_ih_l0_reverse, ..., rnn.bias_hh_l1, head.weight, head.bias

Exit code 0 when every check passes, 1 when any fails, 2 on a usage error. If `import torch` fails with
"libblas.so.3: cannot open shared object file", the Debian packages are unpacked but not configured:
run `dpkg --configure -a`, or set LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas:/usr/lib/x86_64-linux-gnu/lapack.
"""

import json
import struct
import sys
from pathlib import Path

import torch
from torch import nn

RECURRENT = {
    "lstm": lambda i, h, l, bi: nn.LSTM(i, h, num_layers=l, bidirectional=bi),
    "gru": lambda i, h, l, bi: nn.GRU(i, h, num_layers=l, bidirectional=bi),
    "rnn_tanh": lambda i, h, l, bi: nn.RNN(i, h, num_layers=l, bidirectional=bi, nonlinearity="tanh"),
    "rnn_relu": lambda i, h, l, bi: nn.RNN(i, h, num_layers=l, bidirectional=bi, nonlinearity="relu"),
}


class SeqLabModel(nn.Module):
    """embedding (token inputs) -> rnn -> head, every step: x [T, B] ids or [T, B, I] -> y [T, B, O]."""

    def __init__(self, cell, hidden, layers, bidirectional, outputs, vocab=None, embedding_dim=None, features=None):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embedding_dim) if vocab is not None else None
        width = embedding_dim if vocab is not None else features
        self.rnn = RECURRENT[cell](width, hidden, layers, bidirectional)
        self.head = nn.Linear(hidden * (2 if bidirectional else 1), outputs)

    def forward(self, x):
        if self.embedding is not None:
            x = self.embedding(x)
        y, _ = self.rnn(x)
        return self.head(y)


# The model shapes the vitest test covers: `seqlab` is what SeqLab builds (task and model spec), `torch` the
# matching reference module (temporal-order: 8 symbols + 4 reserved ids = V 12, 4 order classes).
SHAPES = [
    {
        "name": "temporal-order classifier, LSTM, 2 layers, bidirectional, embedding",
        "seqlab": {"task": {"id": "temporal-order", "params": {}},
                   "model": {"cell": "lstm", "hiddenSize": 3, "numLayers": 2, "bidirectional": True, "embeddingDim": 4}},
        "torch": {"cell": "lstm", "hidden": 3, "layers": 2, "bidirectional": True, "outputs": 4, "vocab": 12, "embedding_dim": 4},
    },
    {
        "name": "sine-forecast regression, GRU, 1 layer, linear head",
        "seqlab": {"task": {"id": "sine-forecast", "params": {}},
                   "model": {"cell": "gru", "hiddenSize": 3, "numLayers": 1, "bidirectional": False}},
        "torch": {"cell": "gru", "hidden": 3, "layers": 1, "bidirectional": False, "outputs": 1, "features": 1},
    },
]

DEFAULT_KEYS = Path(__file__).resolve().parent.parent / "core" / "common" / "models" / "sequence" / "torch-state-dict-keys.json"


def write_keys(out: Path) -> int:
    shapes = []
    for shape in SHAPES:
        module = SeqLabModel(**shape["torch"])
        keys = [[name, list(t.shape)] for name, t in module.state_dict().items()]
        shapes.append({"name": shape["name"], "seqlab": shape["seqlab"], "stateDict": keys})
    document = {
        "generator": "tests/tools/torch_reference.py keys",
        "torch": torch.__version__,
        "shapes": shapes,
    }
    # one [key, shape] per line, so a change in the naming reads as a one-line diff
    text = json.dumps(document, indent=2)
    for shape in shapes:
        for key in shape["stateDict"]:
            text = text.replace(json.dumps(key, indent=2).replace("\n", "\n" + " " * 8), json.dumps(key), 1)
    out.write_text(text + "\n")
    print(f"wrote {out} ({len(shapes)} shapes, torch {torch.__version__})")
    return 0


def read_safetensors(path: str):
    """The tensors (F32 only, as SeqLab writes them) and the metadata of a .safetensors file."""
    data = Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    metadata = header.pop("__metadata__", {})
    tensors = {}
    for name, entry in header.items():
        if entry["dtype"] != "F32":
            raise ValueError(f"{name} is {entry['dtype']}; SeqLab writes F32")
        begin, end = entry["data_offsets"]
        raw = bytearray(data[8 + n + begin : 8 + n + end])
        tensors[name] = torch.frombuffer(raw, dtype=torch.float32).reshape(entry["shape"]).clone()
    return tensors, metadata


def module_for(tensors, metadata) -> SeqLabModel:
    """The reference module of a file: its cell from the run's spec, every size from the tensors' shapes."""
    spec = json.loads(metadata.get("seqlab.spec", "null")) or {}
    cell = spec.get("model", {}).get("cell")
    if cell not in RECURRENT:
        raise ValueError(f"the file's seqlab.spec names no recurrent cell (got {cell!r})")
    gates = {"lstm": 4, "gru": 3, "rnn_tanh": 1, "rnn_relu": 1}[cell]
    hidden = tensors["rnn.weight_hh_l0"].shape[1]
    layers = 1 + max(int(k.split("_l")[1].split("_")[0]) for k in tensors if k.startswith("rnn.weight_ih_l"))
    bidirectional = "rnn.weight_ih_l0_reverse" in tensors
    if tensors["rnn.weight_hh_l0"].shape[0] != gates * hidden:
        raise ValueError(f"rnn.weight_hh_l0 is {list(tensors['rnn.weight_hh_l0'].shape)}, not [{gates}*H, H] for {cell}")
    outputs = tensors["head.weight"].shape[0]
    if "embedding.weight" in tensors:
        vocab, dim = tensors["embedding.weight"].shape
        return SeqLabModel(cell, hidden, layers, bidirectional, outputs, vocab=vocab, embedding_dim=dim)
    return SeqLabModel(cell, hidden, layers, bidirectional, outputs, features=tensors["rnn.weight_ih_l0"].shape[1])


def check(path: str) -> bool:
    try:
        tensors, metadata = read_safetensors(path)
        module = module_for(tensors, metadata)
        module.load_state_dict(tensors, strict=True)
        T, B = 5, 2
        if module.embedding is not None:
            x = torch.randint(4, module.embedding.num_embeddings, (T, B))
        else:
            x = torch.randn(T, B, module.rnn.input_size)
        with torch.no_grad():
            y = module(x)
    except Exception as error:  # a wrong name or shape raises from load_state_dict; reading may raise others
        print(f"FAIL {path}\n     {type(error).__name__}: {error}")
        return False
    print(f"ok   {path}  ({len(tensors)} tensors load strictly into {module.rnn.__class__.__name__} SeqLabModel; forward {list(x.shape)} -> {list(y.shape)})")
    return True


def main(args: list) -> int:
    if not args or "--help" in args or args[0] not in ("keys", "check"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if args[0] == "keys":
        return write_keys(Path(args[1]) if len(args) > 1 else DEFAULT_KEYS)
    paths = args[1:]
    if not paths:
        print("check needs at least one .safetensors file", file=sys.stderr)
        return 2
    failed = [p for p in paths if not check(p)]
    print(f"{len(paths) - len(failed)} of {len(paths)} file(s) load strictly into the reference module")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
