"""One epoch of a benchmark model in PyTorch (CPU): the same layers as neuralkit's and tfjs-layers'
(softmax folded into the loss), Adam with Keras's defaults (lr 1e-3, eps 1e-7), shuffled batches.
Usage: torch_mnist.py <data dir> [lecture|mlp-dropout|convnet]. Prints one JSON line."""
import json
import resource
import sys
import time

import numpy as np
import torch

data_dir = sys.argv[1]
model_name = sys.argv[2] if len(sys.argv) > 2 else "lecture"
nn = torch.nn


def load(name, shape):
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


x = torch.from_numpy(load("train-x", (-1, 28, 28)).astype(np.float32) / 255.0)
y = torch.from_numpy(load("train-y", (-1,)).astype(np.int64))
x_test = torch.from_numpy(load("test-x", (-1, 28, 28)).astype(np.float32) / 255.0)
y_test = torch.from_numpy(load("test-y", (-1,)).astype(np.int64))

model, batch = build(model_name)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = nn.CrossEntropyLoss()

model.train()
start = time.perf_counter()
order = torch.randperm(len(x))
for i in range(0, len(x), batch):
    idx = order[i : i + batch]
    optimizer.zero_grad()
    loss = loss_fn(model(x[idx]), y[idx])
    loss.backward()
    optimizer.step()
seconds = time.perf_counter() - start

model.eval()
with torch.no_grad():
    accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "accuracy": accuracy, "peakRssMb": peak, "threads": torch.get_num_threads()}))
