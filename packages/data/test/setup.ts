import { useBackend } from '@neuralkit/core';
import { cpuBackend } from '@neuralkit/backend-cpu';

// Tensors in these tests run on the reference cpu backend.
await useBackend(cpuBackend());
