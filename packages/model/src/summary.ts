import type { Layer } from './layers/layer.js';
import { formatShape } from './layers/shape.js';

/** What the summary needs from a model. */
export interface SummaryModel {
  readonly name: string;
  readonly layers: readonly Layer[];
  /** Optimizer weights once built (Keras adds an "Optimizer params" line). */
  optimizerParamCount?(): number | undefined;
}

// Keras 3's table: three columns 33/24/15 wide (with one space of padding each side).
const WIDTHS = [33, 24, 15] as const;

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

function row(cells: readonly string[], border: string, align: readonly ('left' | 'right')[]): string[] {
  const wrapped = cells.map((c, i) => wrap(c, WIDTHS[i]! - 2));
  const height = Math.max(...wrapped.map((w) => w.length));
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    const parts = wrapped.map((w, i) => {
      const text = w[r] ?? '';
      const inner = WIDTHS[i]! - 2;
      return ` ${align[i] === 'right' ? text.padStart(inner) : text.padEnd(inner)} `;
    });
    out.push(`${border}${parts.join(border)}${border}`);
  }
  return out;
}

function rule(left: string, fill: string, middle: string, right: string): string {
  return left + WIDTHS.map((w) => fill.repeat(w)).join(middle) + right;
}

/** Keras 3's `model.summary()` table, as text (no colours). */
export function summaryText(model: SummaryModel): string {
  const lines = [`Model: "${model.name}"`];
  lines.push(rule('┏', '━', '┳', '┓'));
  lines.push(...row(['Layer (type)', 'Output Shape', 'Param #'], '┃', ['left', 'left', 'right']));
  lines.push(rule('┡', '━', '╇', '┩'));
  model.layers.forEach((layer, i) => {
    if (i > 0) lines.push(rule('├', '─', '┼', '┤'));
    const shape = layer.outputShape ? formatShape(layer.outputShape) : '?';
    const params = layer.built ? formatCount(layer.countParams()) : '0 (unbuilt)';
    lines.push(...row([`${layer.name} (${layer.className})`, shape, params], '│', ['left', 'left', 'right']));
  });
  lines.push(rule('└', '─', '┴', '┘'));
  let trainable = 0;
  let frozen = 0;
  for (const layer of model.layers) {
    for (const w of layer.weights) {
      if (layer.trainable && w.trainable) trainable += w.variable.size;
      else frozen += w.variable.size;
    }
  }
  const optimizer = model.optimizerParamCount?.() ?? 0;
  const line = (label: string, n: number) => ` ${label}: ${formatCount(n)} (${formatBytes(n * 4)})`;
  lines.push(line('Total params', trainable + frozen + optimizer));
  lines.push(line('Trainable params', trainable));
  lines.push(line('Non-trainable params', frozen));
  if (optimizer > 0) lines.push(line('Optimizer params', optimizer));
  return lines.join('\n');
}
