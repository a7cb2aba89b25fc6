"""One epoch of the lecture model in PyTorch (CPU): Flatten -> Linear(784, 10), softmax in the
loss, Adam with Keras's defaults (lr 1e-3, eps 1e-7), batch 32, shuffled. Prints one JSON line."""
import json
import resource
import sys
import time

import numpy as np
import torch

data_dir = sys.argv[1]


def load(name, shape):
    return np.fromfile(f"{data_dir}/{name}.u8", dtype=np.uint8).reshape(shape)


x = torch.from_numpy(load("train-x", (-1, 28, 28)).astype(np.float32) / 255.0)
y = torch.from_numpy(load("train-y", (-1,)).astype(np.int64))
x_test = torch.from_numpy(load("test-x", (-1, 28, 28)).astype(np.float32) / 255.0)
y_test = torch.from_numpy(load("test-y", (-1,)).astype(np.int64))

model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(784, 10))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
loss_fn = torch.nn.CrossEntropyLoss()

start = time.perf_counter()
order = torch.randperm(len(x))
for i in range(0, len(x), 32):
    idx = order[i : i + 32]
    optimizer.zero_grad()
    loss = loss_fn(model(x[idx]), y[idx])
    loss.backward()
    optimizer.step()
seconds = time.perf_counter() - start

with torch.no_grad():
    accuracy = (model(x_test).argmax(1) == y_test).float().mean().item()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "accuracy": accuracy, "peakRssMb": peak}))
