import * as tf from '@tensorflow/tfjs-core';
import { optimizerKernelServes, optimizerUpdateKernel } from '@neuralkit/core';

/** The attrs an optimizer passes to its fused kernel (numbers already rounded to float32). */
export type FusedAttrs = Record<string, number | boolean>;

/** The kernel a backend registers to fuse an optimizer's update: `NeuralkitAdamUpdate` for `Adam`. */
export const fusedKernelName: (className: string) => string = optimizerUpdateKernel;

/**
 * Runs an optimizer's fused update kernel when the active backend registers one, and tells the
 * caller to take the generic ops path otherwise.
 *
 * Kernel contract (`NeuralkitAdamUpdate` etc.): inputs `gradient`, `variable` and the slots by
 * Keras slot name (`momentum`, `velocity`, `velocity_hat`, ...: the optimizer's `slotSpecs`
 * names); attrs from the optimizer's `fusedAttrs`. The kernel replaces the values behind the
 * variable's and the slots' buffers (same dataId) and returns no tensor; it must compute what the
 * optimizer's `updateStep` computes (the reference its tests compare it with). The cpu and wasm
 * kernels write fresh buffers and swap them in (see each adapter for why).
 *
 * A backend may cap the tensor size its kernels serve (`setOptimizerKernelLimit`); larger
 * variables take the generic path.
 *
 * Replacing a buffer's values is only safe for buffers nobody else can see. A buffer qualifies
 * when (1) the backend counts exactly one reference to it (tfjs `assign` rebinds a variable to
 * the assigned tensor's buffer, so a kept source tensor or a clone shares it), and (2) it came
 * from an op of this optimizer (the generic path's or the decay's result, or a slot's zeros), not
 * from a user's array that tfjs-backend-cpu adopted without copying. With the cpu kernel's swap,
 * (2) is a second line of defence, kept for kernels that write in place. Any buffer that fails
 * either test makes this variable's update take the generic path once; its results are fresh
 * op outputs, so the next step is fused again.
 */
export class FusedUpdater {
  /** The buffer (dataId) each variable or slot had when this optimizer last produced it. */
  private readonly produced = new WeakMap<tf.Tensor, object>();
  private slotNames: readonly string[] | undefined;

  /** `slotNames`: the kernel's input names for the slots, in slot order (read on first use). */
  constructor(private readonly readSlotNames: () => readonly string[]) {}

  /** The fused kernel's name if the active backend has it, else undefined. */
  kernelFor(className: string): string | undefined {
    const name = fusedKernelName(className);
    return tf.getKernel(name, tf.getBackend()) === undefined ? undefined : name;
  }

  /** Records the current buffers of `tensors` as this optimizer's own op outputs. */
  adopt(tensors: readonly tf.Tensor[]): void {
    for (const t of tensors) this.produced.set(t, t.dataId);
  }

  /**
   * Updates one variable with the kernel; false when it may not (a buffer is shared, not ours,
   * or not float32) and the caller must run the generic update.
   */
  update(options: {
    kernel: string;
    gradient: tf.Tensor;
    variable: tf.Variable;
    slots: readonly tf.Variable[];
    attrs: FusedAttrs;
  }): boolean {
    const { kernel, gradient, variable, slots, attrs } = options;
    const slotNames = (this.slotNames ??= this.readSlotNames());
    if (gradient.dtype !== 'float32' || variable.dtype !== 'float32' || !optimizerKernelServes(variable.size)) return false;
    const backend = tf.backend();
    const inputs: tf.NamedTensorMap = { gradient, variable };
    if (!this.owns(backend, variable)) return false;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      if (slot.dtype !== 'float32' || !this.owns(backend, slot)) return false;
      inputs[slotNames[i]!] = slot;
    }
    tf.engine().runKernel(kernel, inputs, attrs);
    return true;
  }

  private owns(backend: tf.KernelBackend, t: tf.Tensor): boolean {
    return this.produced.get(t) === t.dataId && backend.refCount(t.dataId) === 1;
  }
}
