"""One epoch of a benchmark model in PyTorch: the same layers as neuralkit's and tfjs-layers'
(softmax folded into the loss), Adam with Keras's defaults (lr 1e-3, eps 1e-7), shuffled batches.
Usage: torch_mnist.py <data dir> [lecture|mlp-dropout|convnet] [--device cpu|cuda] [--batch N] [--limit N]
The data dir holds either the bench's raw arrays (train-x.u8, ...) or MNIST's gzipped IDX files
(train-images-idx3-ubyte.gz, ..., as scripts/gpu-check.sh carries them). Prints one JSON line."""
import argparse
import gzip
import json
import os
import resource
import time

import numpy as np
import torch

parser = argparse.ArgumentParser()
parser.add_argument("data_dir")
parser.add_argument("model", nargs="?", default="lecture")
parser.add_argument("--device", default="cpu")
parser.add_argument("--batch", type=int)
parser.add_argument("--limit", type=int)
parser.add_argument("--seed", type=int, default=42)
args = parser.parse_args()
data_dir = args.data_dir
model_name = args.model
device = torch.device(args.device)
torch.manual_seed(args.seed)
nn = torch.nn

IDX = {"train-x": "train-images-idx3-ubyte", "train-y": "train-labels-idx1-ubyte", "test-x": "t10k-images-idx3-ubyte", "test-y": "t10k-labels-idx1-ubyte"}


def load(name, shape):
    idx = os.path.join(data_dir, IDX[name] + ".gz")
    if os.path.exists(idx):
        with gzip.open(idx) as f:
            raw = f.read()
        # IDX: a 4-byte magic whose last byte is the rank, then one 4-byte size per dimension.
        return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * raw[3]).reshape(shape)
    return np.fromfile(f"{data_dir}/{name}.u8", dtype=np.uint8).reshape(shape)


def build(name):
    if name == "lecture":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 10)), 32
    if name == "mlp-dropout":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10)), 32
    if name == "convnet":
        return nn.Sequential(
            nn.Unflatten(1, (1, 28)),  # [n, 28, 28] -> [n, 1, 28, 28]
            nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10),
        ), 128
    raise SystemExit(f"unknown model {name}")


def synchronize():
    if device.type == "cuda":
        torch.cuda.synchronize()


# Uploaded once, as neuralkit's fit does: batches are indexed on the device.
x = torch.from_numpy(load("train-x", (-1, 28, 28)).astype(np.float32) / 255.0)[: args.limit].to(device)
y = torch.from_numpy(load("train-y", (-1,)).astype(np.int64))[: args.limit].to(device)
x_test = torch.from_numpy(load("test-x", (-1, 28, 28)).astype(np.float32) / 255.0).to(device)
y_test = torch.from_numpy(load("test-y", (-1,)).astype(np.int64)).to(device)

model, batch = build(model_name)
batch = args.batch or batch
model = model.to(device)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()

model.train()
synchronize()
start = time.perf_counter()
order = torch.randperm(len(x), device=device)
for i in range(0, len(x), batch):
    idx = order[i : i + batch]
    optimizer.zero_grad()
    loss = loss_fn(model(x[idx]), y[idx])
    loss.backward()
    optimizer.step()
synchronize()
seconds = time.perf_counter() - start

model.eval()
with torch.no_grad():
    accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({
    "seconds": seconds, "accuracy": accuracy, "peakRssMb": peak, "threads": torch.get_num_threads(),
    "device": str(device), "batch": batch, "train_samples": len(x), "torch": torch.__version__,
}))
