import * as tf from '@tensorflow/tfjs-core';

/**
 * Named running sums kept on the device for a metric with more state than a sum and a
 * count (confusion counts, per-class sums). `add` folds in a batch; nothing is read back.
 */
export class DeviceState<K extends string> {
  private readonly values = new Map<K, tf.Tensor>();

  /** Adds `delta` to the sum named `key` (starting from `delta` itself). */
  add(key: K, delta: tf.Tensor): void {
    const old = this.values.get(key);
    this.values.set(key, tf.keep(old ? tf.add(old, delta) : tf.clone(delta)));
    old?.dispose();
  }

  /** The sum so far, or undefined before the first update. Owned by the state: do not dispose. */
  get(key: K): tf.Tensor | undefined {
    return this.values.get(key);
  }

  /** Whether anything was added yet. */
  get empty(): boolean {
    return this.values.size === 0;
  }

  reset(): void {
    for (const t of this.values.values()) t.dispose();
    this.values.clear();
  }
}
