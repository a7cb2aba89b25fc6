import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, registeredBackends, useBackend } from '@neuralkit/core';
import { describe, expect, it } from 'vitest';
import { wasmBackend } from './index.js';

describe('wasmBackend', () => {
  it('is available in Node and registers itself as "wasm" on import', async () => {
    const backend = wasmBackend();
    expect(backend.name).toBe('wasm');
    await expect(backend.isAvailable()).resolves.toBe(true);
    await expect(backend.unavailableReason?.()).resolves.toBeUndefined();
    expect(registeredBackends()).toContain('wasm');
  });

  it('finds its .wasm binaries in Node without configuration and reports SIMD and threads', async () => {
    const info = await useBackend(wasmBackend());
    expect(info).toMatchObject({ name: 'wasm', tfjsBackend: 'wasm', floatPrecision: 32 });
    expect(tf.getBackend()).toBe('wasm');
    expect(typeof info.details.simd).toBe('boolean');
    expect(typeof info.details.multithreaded).toBe('boolean');
    expect(info.details.threads).toBeGreaterThanOrEqual(1);
  });

  it('computes with wasm kernels and leaks no tensors', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    // softmax([0, ln 3]) = [1/4, 3/4]
    const y = tf.tidy(() => tf.softmax(tf.tensor1d([0, Math.log(3)])));
    const values = Array.from(y.dataSync());
    expect(values[0]).toBeCloseTo(0.25, 6);
    expect(values[1]).toBeCloseTo(0.75, 6);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives float one-hot labels as floats (tfjs-backend-wasm 4.22 writes int bits; the adapter fixes it)', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    const out = tf.tidy(() => tf.oneHot(tf.tensor1d([2, 0], 'int32'), 3, 1, 0, 'float32'));
    expect(out.dtype).toBe('float32');
    expect(Array.from(out.dataSync())).toEqual([0, 0, 1, 1, 0, 0]);
    out.dispose();
    const ints = tf.tidy(() => tf.oneHot(tf.tensor1d([1], 'int32'), 2));
    expect(ints.dtype).toBe('int32');
    expect(Array.from(ints.dataSync())).toEqual([0, 1]);
    ints.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('clones by sharing the buffer (tfjs-backend-wasm 4.22 copies it), and frees it with the last holder', async () => {
    await useBackend('wasm');
    const backend = tf.backend() as unknown as { refCount(dataId: object): number };
    const before = tf.memory();
    const x = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(x);
    expect(copy.dataId).toBe(x.dataId);
    expect(backend.refCount(x.dataId)).toBe(2);
    // One buffer of 12 bytes, however many tensors hold it.
    expect(tf.memory().numBytes - before.numBytes).toBe(24);
    x.dispose();
    expect(backend.refCount(copy.dataId)).toBe(1);
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    // The tape's saved clones: gradients through a taped op still come out right.
    const w = tf.tidy(() => tf.variable(tf.tensor1d([0.5, -1])));
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(tf.relu(w), w)) as tf.Scalar, [w]);
    expect(Array.from(grads[w.name]!.dataSync())).toEqual([1, 0]);
    tf.dispose([w, value, grads[w.name]!]);
    expect(tf.memory().numTensors).toBe(before.numTensors);
  });

  it('keeps fractional on/off values of a float one-hot (label smoothing), as cpu does', async () => {
    await useBackend('wasm');
    const before = tf.memory().numTensors;
    // on 0.9, off 0.05 as float32: [fround(0.05), fround(0.9), fround(0.05)] per row.
    const out = tf.tidy(() => tf.oneHot(tf.tensor1d([1, 0], 'int32'), 3, 0.9, 0.05, 'float32'));
    const [on, off] = [Math.fround(0.9), Math.fround(0.05)];
    expect(Array.from(out.dataSync())).toEqual([off, on, off, on, off, off]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad options, saying what it expected', () => {
    expect(() => wasmBackend({ threads: 0 })).toThrowError(InvalidArgumentError);
    expect(() => wasmBackend({ threads: 1.5 })).toThrowError(/expected a positive integer, received 1.5/);
    expect(() => wasmBackend({ wasmPaths: 3 as unknown as string })).toThrowError(/`wasmPaths`/);
  });
});
