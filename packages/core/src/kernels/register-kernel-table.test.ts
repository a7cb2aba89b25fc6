import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { registerKernelTable } from './register-kernel-table.js';

describe('registerKernelTable', () => {
  const backend = 'neuralkit-table-test';
  const names = ['NeuralkitTableTestA', 'NeuralkitTableTestB'];
  const kernel = (tag: number) => () => ({ dataId: {}, shape: [tag], dtype: 'float32' as const });
  afterEach(() => {
    for (const name of names) if (tf.getKernel(name, backend)) tf.unregisterKernel(name, backend);
  });

  it('registers each kernel for the backend once, leaving a name already registered alone', () => {
    const [a, b] = [kernel(1), kernel(2)];
    registerKernelTable(backend, { [names[0]!]: a });
    expect(tf.getKernel(names[0]!, backend)?.kernelFunc).toBe(a);
    registerKernelTable(backend, { [names[0]!]: kernel(3), [names[1]!]: b });
    expect(tf.getKernel(names[0]!, backend)?.kernelFunc).toBe(a);
    expect(tf.getKernel(names[1]!, backend)?.kernelFunc).toBe(b);
    expect(tf.getKernel(names[1]!, 'cpu')).toBeUndefined();
  });
});
