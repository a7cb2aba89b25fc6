import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, NeuralkitError, ShapeError } from '@neuralkit/core';
import type { Optimizer } from '@neuralkit/optimizers';
import type { Logs } from '../callbacks/callback.js';
import type { History } from '../callbacks/history.js';
import type { Layer } from '../layers/layer.js';
import type { Shape } from '../layers/shape.js';
import { toSnakeCase, uniqueLayerName } from '../layers/unique-name.js';
import type { ConfigStyle } from '../sequential-config.js';
import type { Sequential } from '../sequential.js';
import type { SaveOptions, SaveResult } from '../io/model-format.js';
import type { CompiledState } from '../training/compile.js';
import { evaluate, type EvaluateOptions } from '../training/evaluate.js';
import { fit, type FitOptions } from '../training/fit.js';
import { predict, type PredictOptions } from '../training/predict.js';
import type { SummaryOptions } from '../summary.js';
import type { GraphNode } from './graph-node.js';
import { runGraph } from './graph-run.js';
import { evaluateMultiIO, fitMultiIO, predictMultiIO } from './multi-io-loop.js';
import { compileOptionsFromGraphTrainingConfig, compileOutputs, outputsTrainingConfig, type FunctionalCompileOptions, type OutputTarget } from './output-compile.js';
import type { SymbolicTensor } from './symbolic-tensor.js';
import { topology } from './topology.js';
import { functionalConfig } from './functional-config.js';
import { disposeLayers, graphFromConfig } from './functional-from-config.js';
import { functionalSummary } from './functional-summary.js';
import { checkTrainable, quantizeModel } from '../quantize/quantize-model.js';
import type { QuantizationMode } from '../quantize/dtype-policy.js';
import { graphVariables, graphWeights } from './graph-weights.js';

export interface FunctionalOptions {
  inputs: SymbolicTensor | SymbolicTensor[];
  outputs: SymbolicTensor | SymbolicTensor[];
  name?: string;
  /** @internal The layer order of a loaded config (Keras keeps it; weights files follow it). */
  layerOrder?: readonly string[];
}

/**
 * A model defined by its graph (Keras's Functional `keras.Model(inputs, outputs)`). With one input
 * and one output it trains through the same loop as Sequential; with several, tensors are given as
 * lists (in the order of `inputs`/`outputs`) or dicts by input/output layer name.
 */
export class Functional {
  static readonly className = 'Functional';
  readonly name: string;
  readonly inputs: SymbolicTensor[];
  readonly outputs: SymbolicTensor[];
  /** @internal Nodes in execution order. */
  readonly nodes: GraphNode[];
  /** Every layer once, input layers included (as Keras lists them). */
  readonly layers: Layer[];
  stopTraining = false;
  /** @internal Single-output compile state (what the shared training loop reads). */
  compiled: CompiledState | undefined;
  private outputTargets: { optimizer: Optimizer; outputs: OutputTarget[] } | undefined;

  constructor(options: FunctionalOptions) {
    if (!options || options.inputs === undefined || options.outputs === undefined) {
      throw InvalidArgumentError.expected('model()', '{ inputs, outputs } from input() and layers', options);
    }
    this.name = options.name ?? uniqueLayerName(toSnakeCase('Functional'));
    this.inputs = Array.isArray(options.inputs) ? [...options.inputs] : [options.inputs];
    this.outputs = Array.isArray(options.outputs) ? [...options.outputs] : [options.outputs];
    if (this.inputs.length === 0 || this.outputs.length === 0) throw new InvalidArgumentError(`Model "${this.name}" needs at least one input and one output.`);
    const topo = topology(this.inputs, this.outputs, this.name);
    this.nodes = topo.nodes;
    // A nested Sequential offers the same surface as a layer (name, weights, summary figures).
    const order = options.layerOrder;
    const rank = (name: string) => (order?.includes(name) ? order.indexOf(name) : Number.MAX_SAFE_INTEGER);
    const sorted = order ? [...topo.layers].sort((a, b) => rank(a.name) - rank(b.name)) : topo.layers;
    this.layers = sorted as unknown as Layer[];
  }

  get className(): string {
    return Functional.className;
  }

  get inputNames(): string[] {
    return this.inputs.map((t) => t.name);
  }

  get outputNames(): string[] {
    return this.outputs.map((t) => t.name);
  }

  get inputShape(): Shape | undefined {
    return this.inputs[0]?.shape;
  }

  get outputShape(): Shape | undefined {
    return this.outputs[0]?.shape;
  }

  /** One chain from one input to one output: the shared training loop may fold softmax into the loss. */
  get sequentialLike(): boolean {
    if (this.inputs.length !== 1 || this.outputs.length !== 1) return false;
    return this.nodes.every((n, i) => (i === 0 ? n.inputs.length === 0 : n.inputs.length === 1 && n.inputs[0]!.node === this.nodes[i - 1]));
  }

  get built(): boolean {
    return true;
  }

  /** Checks one sample's shape against the single input (the shared loop's entry check). */
  ensureBuilt(sampleShape: readonly number[]): void {
    if (this.inputs.length !== 1) throw new InvalidArgumentError(`Model "${this.name}" has ${this.inputs.length} inputs: give x as a list or a dict by input name.`);
    runGraphShapeCheck(this, sampleShape);
  }

  /** Runs the graph on a batch of the single input, giving the single output. */
  call(x: tf.Tensor, options: { training?: boolean } = {}): tf.Tensor {
    const outs = this.callAll([x], { training: options.training ?? false });
    if (outs.length !== 1) throw new InvalidArgumentError(`Model "${this.name}" has ${outs.length} outputs; use callAll().`);
    return outs[0]!;
  }

  /** Runs the graph on one batch per input, giving one tensor per output. */
  callAll(xs: tf.Tensor[], options: { training?: boolean } = {}): tf.Tensor[] {
    return tf.tidy(() => runGraph(this, xs.map((x) => (x.dtype === 'float32' ? x : tf.cast(x, 'float32'))), options.training ?? false));
  }

  regularizationLoss(): tf.Scalar | null {
    const terms = this.layers.map((l) => l.regularizationLoss()).filter((t): t is tf.Scalar => t !== null);
    if (terms.length === 0) return null;
    return terms.length === 1 ? terms[0]! : (tf.addN(terms) as tf.Scalar);
  }

  get trainableWeights(): tf.Variable[] {
    return graphVariables(this.layers, true);
  }

  getWeights(): tf.Tensor[] {
    return graphVariables(this.layers, false);
  }

  setWeights(weights: readonly tf.Tensor[]): void {
    const own = graphWeights(this.layers);
    if (weights.length !== own.length) throw new InvalidArgumentError(`Model "${this.name}" has ${own.length} weight tensors, received ${weights.length}.`);
    let at = 0;
    for (const layer of this.layers) {
      const count = layer.weights.length;
      if (count) layer.setWeights(weights.slice(at, at + count));
      at += count;
    }
  }

  countParams(): number {
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  summary(options: SummaryOptions & { print?: boolean; printFn?: (text: string) => void } = {}): string {
    const { print, printFn, ...layout } = options;
    const text = functionalSummary(this, layout);
    if (printFn) printFn(text);
    else if (print !== false) (globalThis as { console?: { log(t: string): void } }).console?.log(text);
    return text;
  }

  /** Keras's Functional config: Keras 2's node lists by default, Keras 3's `__keras_tensor__` form with `style: 'keras3'`. */
  getConfig(options: { style?: ConfigStyle } = {}): Record<string, unknown> {
    return functionalConfig(this, options.style ?? 'keras2');
  }

  /** From a Keras 2 (`Model`/`Functional`) or Keras 3 Functional config. */
  static fromConfig(config: Record<string, unknown>): Functional {
    const graph = graphFromConfig(config);
    try {
      return new Functional({ inputs: graph.inputs, outputs: graph.outputs, layerOrder: graph.layerOrder, ...(graph.name ? { name: graph.name } : {}) });
    } catch (error) {
      disposeLayers(graph.layers);
      throw error;
    }
  }

  compile(options: FunctionalCompileOptions): void {
    this.outputTargets = compileOutputs(options, this.outputNames);
    this.compiled = this.outputs.length === 1 ? this.outputTargets.outputs[0]!.state : undefined;
  }

  /** Compiles from Keras's `training_config` (single output: as Sequential; several: losses, metrics, weights per output). */
  compileFromTrainingConfig(trainingConfig: Record<string, unknown>): void {
    this.compile(compileOptionsFromGraphTrainingConfig(trainingConfig, this.outputNames));
  }

  get optimizer(): Optimizer | undefined {
    return this.outputTargets?.optimizer;
  }

  get metricNames(): string[] {
    if (!this.outputTargets) return [];
    if (this.compiled) return this.compiled.metricNames();
    const outs = this.outputTargets.outputs;
    return ['loss', ...outs.map((o) => `${o.name}_loss`), ...outs.flatMap((o) => o.state.metricNames().slice(1).map((m) => `${o.name}_${m}`))];
  }

  /** Keras's `training_config`, or undefined before `compile`. */
  getTrainingConfig(): Record<string, unknown> | undefined {
    if (!this.outputTargets) return undefined;
    if (this.compiled) return this.compiled.trainingConfig();
    const optimizerConfig = this.outputTargets.outputs[0]!.state.trainingConfig().optimizer_config;
    return outputsTrainingConfig(this.outputTargets.outputs, optimizerConfig);
  }

  /**
   * Keras's `model.quantize(mode)`, as Sequential's: every Dense and Conv2D (nested models'
   * too) in `'int8'`, every weight in `'float16'`; the model then no longer trains, and a
   * compiled optimizer starts over. Returns the layers quantized.
   */
  quantize(mode: QuantizationMode): string[] {
    const quantized = quantizeModel(this, mode);
    const trainingConfig = this.getTrainingConfig();
    if (trainingConfig) {
      this.outputTargets?.optimizer.dispose();
      this.compileFromTrainingConfig(trainingConfig);
    }
    return quantized;
  }

  async fit(x: unknown, y?: unknown, options: FitOptions = {}): Promise<History> {
    checkTrainable(this);
    if (this.compiled) return fit(this as unknown as Sequential, x, y, options);
    return fitMultiIO(this, this.requireCompiled('fit'), x, y, options as never);
  }

  evaluate(x: unknown, y?: unknown, options: EvaluateOptions = {}): Promise<Logs> {
    if (this.compiled) return evaluate(this as unknown as Sequential, x, y, options);
    return evaluateMultiIO(this, this.requireCompiled('evaluate'), x, y, options);
  }

  /** One tensor for a single-output model, else one per output. */
  predict(x: unknown, options: PredictOptions = {}): Promise<tf.Tensor | tf.Tensor[]> {
    if (this.inputs.length === 1 && this.outputs.length === 1) return predict(this as unknown as Sequential, x, options);
    return predictMultiIO(this, x, options);
  }

  async save(target: unknown, options: SaveOptions = {}): Promise<SaveResult> {
    const io = await import('../io/model-format.js');
    return io.saveModel(this as unknown as Sequential, target, options);
  }

  async loadWeights(source: unknown): Promise<void> {
    const io = await import('../io/model-format.js');
    return io.loadWeights(this as unknown as Sequential, source);
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.outputTargets?.optimizer.dispose();
  }

  private requireCompiled(method: string): { optimizer: Optimizer; outputs: OutputTarget[] } {
    if (!this.outputTargets) {
      throw new NeuralkitError(`Model "${this.name}" must be compiled before ${method}(): call model.compile({ optimizer, loss, metrics }) first.`, 'NOT_COMPILED');
    }
    return this.outputTargets;
  }
}

function runGraphShapeCheck(model: Functional, sampleShape: readonly number[]): void {
  const expected = model.inputs[0]!.shape;
  const fits = expected.length === sampleShape.length + 1 && expected.every((d, i) => i === 0 || d === null || d === sampleShape[i - 1]);
  if (!fits) {
    throw new ShapeError(
      `Input to model "${model.name}" does not match input "${model.inputs[0]!.name}": expected samples of shape ` +
        `(${expected.map((d) => d ?? 'None').join(', ')}), received (None, ${sampleShape.join(', ')}).`,
    );
  }
}
