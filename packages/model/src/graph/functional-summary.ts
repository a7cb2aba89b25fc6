import { defaultLineLength, columnWidths } from '../summary-columns.js';
import { formatCount, row, rule, summaryShape, summaryText, totalsLines, optimizerParams, type SummaryOptions } from '../summary.js';
import type { Layer } from '../layers/layer.js';
import type { Optimizer } from '@neuralkit/optimizers';
import type { GraphNode } from './graph-node.js';

interface SummaryGraph {
  readonly name: string;
  readonly layers: readonly Layer[];
  readonly nodes: readonly GraphNode[];
  readonly sequentialLike: boolean;
  readonly optimizer: Optimizer | undefined;
}

/** Keras 3's column ends for a model with branches. */
const GRAPH_POSITIONS = [0.3, 0.56, 0.74, 1.0];

/** `dense[0][0], dense_1[0][0]`: the tensors a node reads (Keras's "Connected to"), `-` for inputs. */
function connections(node: GraphNode, inModel: (n: GraphNode) => number): string {
  const parts = node.inputs.map((t) => `${t.node.layer.name}[${inModel(t.node)}][${t.tensorIndex}]`);
  return parts.length ? parts.join(', ') : '-';
}

/**
 * Keras 3's summary of a Functional model: a chain prints as a Sequential does (input layer row
 * included); a graph with branches adds the "Connected to" column, one row per layer call.
 */
export function functionalSummary(model: SummaryGraph, options: SummaryOptions = {}): string {
  const figures = { name: model.name, layers: model.layers, optimizerParams: () => optimizerParams(model.optimizer) };
  if (model.sequentialLike) return summaryText(figures, options);
  const terminal = defaultLineLength();
  const widths = columnWidths(options.lineLength ?? (terminal < 88 ? terminal : 108), options.positions ?? GRAPH_POSITIONS);
  const align = ['left', 'left', 'right', 'left'];
  const lines = [`Model: "${model.name}"`, rule(widths, '┏━┳┓')];
  lines.push(...row(widths, ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'], '┃', align), rule(widths, '┡━╇┩'));
  const byLayer = new Map<unknown, GraphNode[]>();
  for (const n of model.nodes) byLayer.set(n.layer, [...(byLayer.get(n.layer) ?? []), n]);
  const indexOf = (n: GraphNode) => byLayer.get(n.layer)!.indexOf(n);
  model.layers.forEach((layer, i) => {
    if (i > 0) lines.push(rule(widths, '├─┼┤'));
    const nodes = byLayer.get(layer) ?? [];
    const shape = nodes[0]?.output ? summaryShape(nodes[0].output.shape) : '?';
    const linked = nodes.map((n) => connections(n, indexOf)).join(', ');
    lines.push(...row(widths, [`${layer.name} (${layer.className})`, shape, formatCount(layer.countParams()), linked], '│', align));
  });
  lines.push(rule(widths, '└─┴┘'), ...totalsLines(figures));
  return lines.join('\n');
}
