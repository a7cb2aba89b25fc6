import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError } from '@neuralkit/core';
import { isTensor } from '../training/data-adapter.js';

/** Tensors given as one tensor, a list (in the model's order) or a dict by input/output name. */
export type TensorStruct = tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>;

/** The tensors of `value` in the order of `names` (the model's inputs or outputs), with matching sample counts. */
export function tensorList(value: unknown, names: readonly string[], what: string): tf.Tensor[] {
  let list: unknown[];
  if (isTensor(value)) list = [value];
  else if (Array.isArray(value)) list = value;
  else if (value && typeof value === 'object') {
    const dict = value as Record<string, unknown>;
    for (const key of Object.keys(dict)) {
      if (!names.includes(key)) throw new InvalidArgumentError(`${what}: "${key}" is not one of the model's names [${names.join(', ')}].`);
    }
    list = names.map((n) => dict[n]);
  } else throw InvalidArgumentError.expected(what, 'a tensor, a list of tensors or a dict by name', value);
  if (list.length !== names.length) {
    throw new InvalidArgumentError(`${what}: expected ${names.length} tensor(s) [${names.join(', ')}], received ${list.length}.`);
  }
  list.forEach((t, i) => {
    if (!isTensor(t)) throw InvalidArgumentError.expected(`${what} "${names[i]}"`, 'a tf.Tensor', t);
  });
  return list as tf.Tensor[];
}

/** The shared number of samples of every tensor in `lists`; a ShapeError naming the odd one otherwise. */
export function sampleCount(lists: ReadonlyArray<{ what: string; names: readonly string[]; tensors: readonly tf.Tensor[] }>): number {
  let n: number | undefined;
  let first = '';
  for (const { what, names, tensors } of lists) {
    tensors.forEach((t, i) => {
      const rows = t.shape[0] ?? 0;
      if (n === undefined) [n, first] = [rows, `${what} "${names[i]}"`];
      else if (rows !== n) throw new ShapeError(`${what} "${names[i]}" holds ${rows} samples, ${first} holds ${n}.`);
    });
  }
  return n ?? 0;
}

/** Rows `indices` of each tensor. */
export function takeRows(tensors: readonly tf.Tensor[], indices: Int32Array): tf.Tensor[] {
  return tensors.map((t) => tf.gather(t, tf.tensor1d(indices, 'int32')));
}
