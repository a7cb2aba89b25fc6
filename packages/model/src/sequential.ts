import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, NeuralkitError, ShapeError } from '@neuralkit/core';
import type { Loss } from '@neuralkit/losses';
import type { Optimizer } from '@neuralkit/optimizers';
import { InputLayer } from './layers/input-layer.js';
import type { Layer } from './layers/layer.js';
import { formatShape, type Shape } from './layers/shape.js';
import { toSnakeCase, uniqueLayerName } from './layers/unique-name.js';
import { layersFromConfig, sequentialConfig, type ConfigStyle } from './sequential-config.js';
import { optimizerParams, summaryText, type SummaryOptions } from './summary.js';
import { CompiledState, compileOptionsFromTrainingConfig, type CompileOptions } from './training/compile.js';
import { defaultProgressStream } from './callbacks/progress-bar.js';
import type { History } from './callbacks/history.js';
import type { Logs } from './callbacks/callback.js';
import { fit, type FitOptions } from './training/fit.js';
import { evaluate, type EvaluateOptions } from './training/evaluate.js';
import { predict, type PredictOptions } from './training/predict.js';
import type { SaveOptions, SaveResult } from './io/model-format.js';
import type { ExportOptions, ExportReport } from './export/export-model.js';
import { quantizeModel } from './quantize/quantize-model.js';
import type { QuantizationMode } from './quantize/dtype-policy.js';
import { connect } from './graph/connect.js';
import { isSymbolicInput, type SymbolicTensor } from './graph/symbolic-tensor.js';
import type { LayerWeight } from './layers/layer.js';

/** A linear stack of layers, as Keras's `Sequential`. Training lives in `training/`. */
export class Sequential {
  static readonly className = 'Sequential';
  readonly name: string;
  readonly layers: Layer[] = [];
  /** The explicit or implied input layer (not in `layers`, as in Keras). */
  inputLayer: InputLayer | undefined;
  /** Set by a callback to end `fit` after the current batch (Keras's `stop_training`). */
  stopTraining = false;
  /** @internal */ compiled: CompiledState | undefined;

  constructor(options: { layers?: Layer[]; name?: string } = {}) {
    this.name = options.name ?? uniqueLayerName(toSnakeCase('Sequential'));
    for (const layer of options.layers ?? []) this.add(layer);
  }

  /** Appends a layer; builds it now when the input shape is known (Keras does the same). */
  add(layer: Layer): void {
    if (!layer || typeof (layer as Layer).apply !== 'function' || typeof (layer as Layer).getConfig !== 'function') {
      throw InvalidArgumentError.expected('layer', 'a layer such as layers.dense({ units: 10 })', layer);
    }
    if (layer.className === 'InputLayer') {
      if (this.layers.length > 0 || this.inputLayer) {
        throw new InvalidArgumentError(`InputLayer "${layer.name}" must come first in Sequential "${this.name}".`);
      }
      this.inputLayer = layer as InputLayer;
      return;
    }
    if (this.layers.some((l) => l.name === layer.name)) {
      throw new InvalidArgumentError(`Sequential "${this.name}" already has a layer named "${layer.name}"; layer names must be unique.`);
    }
    if (this.layers.length === 0 && !this.inputLayer && layer.batchInputShape) {
      this.inputLayer = new InputLayer({ batchShape: layer.batchInputShape, name: `${layer.name}_input` });
    }
    this.layers.push(layer);
    const shape = this.layers.length === 1 ? this.inputShape : this.layers[this.layers.length - 2]!.outputShape;
    if (shape && !layer.built) layer.build(shape);
  }

  /** `[null, ...sampleShape]` when known. */
  get inputShape(): Shape | undefined {
    return this.inputLayer?.batchShape;
  }

  get outputShape(): Shape | undefined {
    return this.layers[this.layers.length - 1]?.outputShape;
  }

  get built(): boolean {
    return this.layers.length > 0 && this.layers.every((l) => l.built);
  }

  /** Builds every layer for inputs of `inputShape` (batch axis first). */
  build(inputShape: Shape): void {
    if (!this.inputLayer) this.inputLayer = new InputLayer({ batchShape: [null, ...inputShape.slice(1)], name: `${this.layers[0]?.name ?? 'input'}_input` });
    let shape: Shape = [null, ...inputShape.slice(1)];
    for (const layer of this.layers) {
      if (!layer.built) layer.build(shape);
      shape = layer.outputShape!;
    }
  }

  /** Checks a sample shape against the model's input (building the model on first data). */
  ensureBuilt(sampleShape: readonly number[]): void {
    if (this.layers.length === 0) throw new NeuralkitError(`Sequential "${this.name}" has no layers.`);
    const expected = this.inputShape;
    if (!expected) {
      this.build([null, ...sampleShape]);
      return;
    }
    const fits = expected.length === sampleShape.length + 1 && expected.every((d, i) => i === 0 || d === null || d === sampleShape[i - 1]);
    if (!fits) {
      const first = this.layers[0]!;
      throw new ShapeError(
        `Input to Sequential "${this.name}" does not match its first layer "${first.name}" (${first.className}): ` +
          `expected samples of shape ${formatShape(expected)}, received ${formatShape([null, ...sampleShape])}.`,
      );
    }
    if (!this.built) this.build(expected);
  }

  /** Runs the layers on a batch (no batching, no checks beyond the layers'). */
  call(x: tf.Tensor, options: { training?: boolean } = {}): tf.Tensor {
    return tf.tidy(() => {
      let h = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
      for (const layer of this.layers) h = layer.apply(h, { training: options.training ?? false });
      return h;
    });
  }

  /** Keras's class name, so a Sequential can stand in the graph of a Functional model. */
  get className(): string {
    return Sequential.className;
  }

  /** As a layer of a Functional model: always trainable as a whole (its layers keep their own flags). */
  get trainable(): boolean {
    return true;
  }

  /** Every layer's weights, named `<layer>/<weight>` as Keras stores a nested model's weights. */
  get weights(): LayerWeight[] {
    return this.layers.flatMap((l) => l.weights.map((w) => ({ ...w, name: `${l.name}/${w.name}`, trainable: w.trainable && l.trainable })));
  }

  /** On a tensor, runs the layers (inference unless `training`); on a symbolic tensor, adds this model to a Functional graph. */
  apply(x: SymbolicTensor | SymbolicTensor[], options?: { training?: boolean }): SymbolicTensor;
  apply(x: tf.Tensor, options?: { training?: boolean }): tf.Tensor;
  apply(x: tf.Tensor | SymbolicTensor | SymbolicTensor[], options: { training?: boolean } = {}): tf.Tensor | SymbolicTensor {
    if (isSymbolicInput(x)) return connect(this, x);
    this.ensureBuilt((x as tf.Tensor).shape.slice(1));
    return this.call(x as tf.Tensor, options);
  }

  /** @internal The graph's view: output shape for one input shape. */
  buildForInputs(shapes: Shape[]): Shape {
    if (shapes.length !== 1) throw new InvalidArgumentError(`Sequential "${this.name}" takes one input, received a list of ${shapes.length}.`);
    const shape = shapes[0]!;
    this.ensureBuilt(shape.slice(1).map((d) => d ?? 1));
    let out: Shape = [null, ...shape.slice(1)];
    for (const layer of this.layers) out = layer.computeOutputShape(out);
    return out;
  }

  /** @internal The graph's view: runs on the one input of a node. */
  applyInputs(inputs: tf.Tensor[], options: { training: boolean }): tf.Tensor {
    return this.apply(inputs[0]!, options);
  }

  /** Sum of every layer's weight penalties, or null. */
  regularizationLoss(): tf.Scalar | null {
    const terms = this.layers.map((l) => l.regularizationLoss()).filter((t): t is tf.Scalar => t !== null);
    if (terms.length === 0) return null;
    return terms.length === 1 ? terms[0]! : (tf.addN(terms) as tf.Scalar);
  }

  get trainableWeights(): tf.Variable[] {
    return this.layers.flatMap((l) => l.trainableWeights.map((w) => w.variable));
  }

  /** Every layer's weights in layer order (live values, as tfjs-layers; clone to keep). */
  getWeights(): tf.Tensor[] {
    return this.layers.flatMap((l) => l.getWeights());
  }

  setWeights(weights: readonly tf.Tensor[]): void {
    const expected = this.layers.reduce((n, l) => n + l.weights.length, 0);
    if (weights.length !== expected) {
      throw new InvalidArgumentError(`Sequential "${this.name}" has ${expected} weight tensors, received ${weights.length}.`);
    }
    let at = 0;
    for (const layer of this.layers) {
      layer.setWeights(weights.slice(at, at + layer.weights.length));
      at += layer.weights.length;
    }
  }

  countParams(): number {
    return this.layers.reduce((n, l) => n + l.countParams(), 0);
  }

  /** Keras 3's summary table; printed unless `print: false`. */
  summary(options: SummaryOptions & { print?: boolean; printFn?: (text: string) => void } = {}): string {
    const { print, printFn, ...layout } = options;
    const text = summaryText({ name: this.name, layers: this.layers, optimizerParams: () => optimizerParams(this.compiled?.optimizer) }, layout);
    if (printFn) printFn(text);
    else if (print !== false) {
      const out = (globalThis as { process?: { stdout?: { write(t: string): unknown } } }).process?.stdout;
      if (out) out.write(`${text}\n`);
      else defaultProgressStream().write(`${text}\n`);
    }
    return text;
  }

  /** Keras's Sequential config; `style: 'keras3'` gives Keras 3's form. */
  getConfig(options: { style?: ConfigStyle } = {}): Record<string, unknown> {
    return sequentialConfig(this, options.style);
  }

  /** From a tf.keras 2.x, Keras 3 or tfjs-layers Sequential config. */
  static fromConfig(config: Record<string, unknown> | unknown[]): Sequential {
    const { name, input, layers } = layersFromConfig(config);
    const model = new Sequential(name ? { name } : {});
    try {
      if (input) model.add(input);
      for (const layer of layers) model.add(layer);
    } catch (error) {
      // Layers built before the failure hold variables: a refused config leaves none behind.
      model.dispose();
      for (const layer of layers) layer.dispose();
      throw error;
    }
    return model;
  }

  compile(options: CompileOptions): void {
    this.compiled = new CompiledState(options);
  }

  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  get lossFn(): Loss | undefined {
    return this.compiled?.loss;
  }

  get metricNames(): string[] {
    return this.compiled ? this.compiled.metricNames() : [];
  }

  /** Keras's `training_config`, or undefined before `compile`. */
  getTrainingConfig(): Record<string, unknown> | undefined {
    return this.compiled?.trainingConfig();
  }

  compileFromTrainingConfig(trainingConfig: Record<string, unknown>): void {
    this.compile(compileOptionsFromTrainingConfig(trainingConfig));
  }

  /**
   * Trains for `epochs` (Keras's `fit`). `x` is a tensor (then `y` holds the labels) or an
   * ArrayDataset of `@neuralkit/data` (then `y` is omitted or null).
   */
  fit(x: unknown, y?: unknown, options: FitOptions = {}): Promise<History> {
    return fit(this, x, y, options);
  }

  /** `{ loss, <metric names> }` over all of `x` (Keras's `evaluate(..., return_dict=True)`). */
  evaluate(x: unknown, y?: unknown, options: EvaluateOptions = {}): Promise<Logs> {
    return evaluate(this, x, y, options);
  }

  /** The outputs for `x`, computed in batches of `batchSize` (default 32). */
  predict(x: unknown, options: PredictOptions = {}): Promise<tf.Tensor> {
    return predict(this, x, options);
  }

  /**
   * Keras's `model.quantize(mode)`: `'int8'` stores Dense kernels as int8 with a per-unit
   * `kernel_scale` (inputs quantized per row at call time), `'float16'` rounds every weight to
   * float16. The model then predicts, evaluates and saves, but no longer trains; a compiled
   * optimizer starts over (its state belonged to the float32 weights). Returns the layers quantized.
   */
  quantize(mode: QuantizationMode): string[] {
    const quantized = quantizeModel(this, mode);
    const trainingConfig = this.getTrainingConfig();
    if (trainingConfig) {
      this.compiled?.optimizer.dispose();
      this.compileFromTrainingConfig(trainingConfig);
    }
    return quantized;
  }

  /** Saves through the registered formats: `*.json` (tfjs-layers), `*.h5` with `@neuralkit/h5`, IOHandlers. */
  async save(target: unknown, options: SaveOptions = {}): Promise<SaveResult> {
    const io = await import('./io/model-format.js');
    return io.saveModel(this, target, options);
  }

  /**
   * Ships the model (Keras's `export`, plus quantized forms): `.onnx`, tfjs `.json`, `.h5` or
   * `.keras` by extension or `format`; `quantize` int8/float16 (ONNX, .keras) or uint8/uint16/float16
   * (tfjs); no optimizer state; `validate: { x, y, maxDrop }` refuses an export that loses more
   * than `maxDrop` accuracy points (0.5). Resolves to a report of sizes and accuracies.
   */
  async export(path: string, options: ExportOptions = {}): Promise<ExportReport> {
    const { exportModel } = await import('./export/export-model.js');
    return exportModel(this, path, options);
  }

  /** Weights only (Keras's `save_weights`). */
  async saveWeights(target: unknown): Promise<SaveResult> {
    const io = await import('./io/model-format.js');
    return io.saveWeights(this, target);
  }

  /** Sets this model's weights from a weights file (Keras's `load_weights`). */
  async loadWeights(source: unknown): Promise<void> {
    const io = await import('./io/model-format.js');
    return io.loadWeights(this, source);
  }

  /** Frees every weight (and the optimizer's state). */
  dispose(): void {
    for (const layer of this.layers) layer.dispose();
    this.compiled?.optimizer.dispose();
  }
}
