import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';

/** One slot a variable gets: Keras's `add_variable_from_reference(variable, name, initializer)`. */
export interface SlotSpec {
  name: string;
  /** Constant initial value; default 0. */
  initialValue?: number;
}

interface Entry {
  variable: tf.Variable;
  slots: tf.Variable[];
}

/** The iteration count and the slot variables, keyed by variable name in build order. */
export class OptimizerState {
  iterations = 0;
  private entries: Entry[] = [];
  private readonly index = new Map<string, number>();
  private slotSpecNames: string[] = [];
  private isBuilt = false;

  get built(): boolean {
    return this.isBuilt;
  }

  build(owner: string, variables: tf.Variable[], specs: SlotSpec[]): void {
    if (!Array.isArray(variables)) {
      throw InvalidArgumentError.expected(`variables of ${owner}.build`, 'an array of tf.Variable', variables);
    }
    this.slotSpecNames = specs.map((s) => s.name);
    for (const variable of variables) {
      if (this.index.has(variable.name)) {
        throw new InvalidArgumentError(`${owner}.build: variable "${variable.name}" is listed twice.`);
      }
      this.index.set(variable.name, this.entries.length);
      // Slots are unnamed tfjs variables: tfjs names are global, and two optimizers may share a model.
      const slots = specs.map((s) =>
        tf.tidy(() => tf.variable(tf.fill(variable.shape, s.initialValue ?? 0, variable.dtype), false)),
      );
      this.entries.push({ variable, slots });
    }
    this.isBuilt = true;
  }

  slotsOf(owner: string, variable: tf.Variable): tf.Variable[] {
    const i = this.index.get(variable.name);
    const entry = i === undefined ? undefined : this.entries[i];
    if (!entry) {
      throw new InvalidArgumentError(
        `${owner}: unknown variable "${variable.name}". This optimizer was built for ` +
          `[${this.entries.map((e) => JSON.stringify(e.variable.name)).join(', ')}]; ` +
          'create a new optimizer for other variables.',
      );
    }
    return entry.slots;
  }

  slotList(): tf.Variable[] {
    return this.entries.flatMap((e) => e.slots);
  }

  slotNames(): string[] {
    return this.entries.flatMap((e) => {
      const base = e.variable.name.replace(/[/:]/g, '_');
      return this.slotSpecNames.map((n) => `${base}_${n}`);
    });
  }

  restore(owner: string, weights: tf.Tensor[]): void {
    if (!this.built) {
      throw new InvalidArgumentError(
        `${owner}.setWeights: the optimizer is not built yet; call optimizer.build(variables) first.`,
      );
    }
    const slots = this.slotList();
    if (!Array.isArray(weights) || weights.length !== slots.length + 1) {
      throw InvalidArgumentError.expected(
        `weights of ${owner}.setWeights`,
        `${slots.length + 1} tensors (iteration, then ${slots.length} slots)`,
        Array.isArray(weights) ? `${weights.length} tensors` : weights,
      );
    }
    const [iteration, ...values] = weights;
    if (iteration!.size !== 1) {
      throw new ShapeError(`${owner}.setWeights: the iteration must be a scalar, received shape [${iteration!.shape}].`);
    }
    values.forEach((w, i) => {
      if (!tf.util.arraysEqual(w.shape, slots[i]!.shape)) {
        throw new ShapeError(
          `${owner}.setWeights: weight ${i + 1} has shape [${w.shape}], expected [${slots[i]!.shape}].`,
        );
      }
    });
    const count = iteration!.dataSync()[0]!;
    if (!Number.isInteger(count) || count < 0) {
      throw InvalidArgumentError.expected(`iteration of ${owner}.setWeights`, 'a whole number >= 0', count);
    }
    tf.tidy(() => values.forEach((w, i) => slots[i]!.assign(tf.cast(w, slots[i]!.dtype))));
    this.iterations = count;
  }

  dispose(): void {
    for (const e of this.entries) for (const s of e.slots) s.dispose();
    this.entries = [];
    this.index.clear();
    this.slotSpecNames = [];
    this.isBuilt = false;
  }
}
