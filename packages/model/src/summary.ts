import * as tf from '@tensorflow/tfjs-core';
import type { Optimizer } from '@neuralkit/optimizers';
import type { Layer } from './layers/layer.js';
import { columnWidths, defaultLineLength } from './summary-columns.js';

/** What the summary needs from a model. */
export interface SummaryModel {
  readonly name: string;
  readonly layers: readonly Layer[];
  /**
   * Keras 3's `optimizer.variables` once built (it adds an "Optimizer params" line): their count
   * and their size in bytes (the iteration counter is an int64, the rest float32).
   */
  optimizerParams?(): { count: number; bytes: number } | undefined;
  /** @deprecated Use `optimizerParams`; taken as that many float32 values. */
  optimizerParamCount?(): number | undefined;
}

export interface SummaryOptions {
  /** Total width of the table; Keras's default is `min(88, terminal columns - 4)` (76 off a terminal). */
  lineLength?: number;
  /** Column ends, as fractions of `lineLength` or absolute; Keras's default `[0.45, 0.8, 1]`. */
  positions?: readonly number[];
}

/**
 * What Keras 3 counts as `optimizer.variables`: the `iteration` counter (int64 on Keras's default
 * TensorFlow backend, 8 bytes), the `learning_rate` variable when the rate is a number rather than
 * a schedule (float32), and the slots (float32). Undefined until the optimizer is built.
 */
export function optimizerParams(optimizer: Optimizer | undefined): { count: number; bytes: number } | undefined {
  if (!optimizer?.built) return undefined;
  const weights = optimizer.getWeights();
  const slots = weights.slice(1).reduce((n, w) => n + w.size, 0);
  tf.dispose(weights);
  const learningRate = typeof optimizer.learningRate === 'number' ? 1 : 0;
  return { count: 1 + learningRate + slots, bytes: 8 + 4 * (learningRate + slots) };
}

/** `7850` → `7,850`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Keras's `readable_memory_size`: `30.66 KB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  for (const unit of units) {
    if (value / 1024 < 1) return `${value.toFixed(2)} ${unit}`;
    value /= 1024;
  }
  return `${value.toFixed(2)} PB`;
}

/** Splits `text` into lines of at most `width`, at spaces where possible (as rich wraps cells). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (candidate.length <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

export function row(widths: readonly number[], cells: readonly string[], border: string, align: readonly string[] = ['left', 'left', 'right']): string[] {
  const wrapped = cells.map((c, i) => wrap(c, widths[i]! - 2));
  const height = Math.max(...wrapped.map((w) => w.length));
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    const parts = wrapped.map((w, i) => {
      const text = w[r] ?? '';
      const inner = widths[i]! - 2;
      return ` ${align[i] === 'right' ? text.padStart(inner) : text.padEnd(inner)} `;
    });
    out.push(`${border}${parts.join(border)}${border}`);
  }
  return out;
}

export function rule(widths: readonly number[], [left, fill, middle, right]: string): string {
  return left + widths.map((w) => fill!.repeat(w)).join(middle) + right;
}

/** Keras 3's summary shape: `(None, 784)`, and `(None)` for one axis (it joins, no tuple comma). */
export function summaryShape(shape: readonly (number | null)[]): string {
  return `(${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
}

/** Keras 3's `model.summary()` table, as rich prints it without colours. */
export function summaryText(model: SummaryModel, options: SummaryOptions = {}): string {
  const widths = columnWidths(options.lineLength ?? defaultLineLength(), options.positions);
  const lines = [`Model: "${model.name}"`];
  lines.push(rule(widths, '┏━┳┓'));
  lines.push(...row(widths, ['Layer (type)', 'Output Shape', 'Param #'], '┃'));
  lines.push(rule(widths, '┡━╇┩'));
  model.layers.forEach((layer, i) => {
    if (i > 0) lines.push(rule(widths, '├─┼┤'));
    const shape = layer.outputShape ? summaryShape(layer.outputShape) : '?';
    const params = layer.built ? formatCount(layer.countParams()) : '0 (unbuilt)';
    lines.push(...row(widths, [`${layer.name} (${layer.className})`, shape, params], '│'));
  });
  lines.push(rule(widths, '└─┴┘'));
  lines.push(...totalsLines(model));
  return lines.join('\n');
}

/** The `Total params` / `Trainable params` / ... lines under the table. */
export function totalsLines(model: SummaryModel): string[] {
  const lines: string[] = [];
  let trainable = 0;
  let frozen = 0;
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      if (layer.trainable && w.trainable) trainable += w.variable.size;
      else frozen += w.variable.size;
    }
  }
  const legacy = model.optimizerParams ? undefined : model.optimizerParamCount?.();
  const optimizer = model.optimizerParams?.() ?? (legacy === undefined ? undefined : { count: legacy, bytes: legacy * 4 });
  const line = (label: string, n: number, bytes: number) => ` ${label}: ${formatCount(n)} (${formatBytes(bytes)})`;
  const extra = optimizer ?? { count: 0, bytes: 0 };
  lines.push(line('Total params', trainable + frozen + extra.count, (trainable + frozen) * 4 + extra.bytes));
  lines.push(line('Trainable params', trainable, trainable * 4));
  lines.push(line('Non-trainable params', frozen, frozen * 4));
  if (optimizer) lines.push(line('Optimizer params', optimizer.count, optimizer.bytes));
  return lines;
}
