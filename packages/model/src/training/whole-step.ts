import * as tf from '@tensorflow/tfjs-core';
import {
  denseTrainingProgramFactory, type DenseProgramActivation, type DenseTrainingProgram, type DenseTrainingSpec,
} from '@neuralkit/core';
import type { Layer } from '../layers/layer.js';
import type { CompiledState } from './compile.js';
import type { DataSource } from './data-adapter.js';
import type { EpochMetrics } from './epoch-metrics.js';
import { softmaxFusion, type ForwardModel } from './loss-path.js';

const HIDDEN: ReadonlySet<string> = new Set<DenseProgramActivation>(['linear', 'relu', 'sigmoid', 'tanh']);

interface DropoutLike extends Layer {
  readonly rate: number;
  nextSeed(): number;
}

interface DenseLike extends Layer {
  readonly activation: { name: string };
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable | undefined;
  readonly kernelRegularizer: unknown;
  readonly biasRegularizer: unknown;
}

/**
 * A whole training step run by the backend itself (`DenseTrainingProgram` in `@neuralkit/core`),
 * where it has one: for `[Flatten | InputLayer]* → (Dense(linear | relu | sigmoid | tanh)
 * [Dropout])* → Dense(softmax)` under sparse categorical crossentropy on a tensor training set, no sample or
 * class weights, an optimizer step that is its fused update alone (no clipping, weight decay or
 * loss scaling), and no metric but an unweighted sparse categorical accuracy. The backend
 * gathers the batch from the whole training set, so fit only hands it the batch's row indices.
 * Any other model, and any step the program declines, takes the usual path.
 */
export class WholeStep {
  private constructor(
    private readonly program: DenseTrainingProgram,
    private readonly compiled: CompiledState,
    private readonly views: tf.Tensor[],
    private readonly offset: number,
    private readonly yShape: number[],
    private readonly predShape: number[],
    private readonly dropouts: DropoutLike[],
  ) {}

  /** The program for this model and training set on the active backend, or undefined. */
  static plan(
    model: ForwardModel,
    compiled: CompiledState,
    variables: readonly tf.Variable[],
    source: DataSource,
    metrics: EpochMetrics,
    classWeighted: boolean,
  ): WholeStep | undefined {
    const factory = denseTrainingProgramFactory(tf.getBackend());
    const data = source.tensors;
    if (!factory || !data || !data.y || data.sampleWeight || classWeighted) return undefined;
    if (softmaxFusion(model, compiled.loss)?.kind !== 'sparse') return undefined;
    const layers = [...model.layers];
    const first = layers.findIndex((l) => l.className === 'Dense');
    if (first < 0 || !layers.slice(0, first).every((l) => l.className === 'Flatten' || l.className === 'InputLayer')) return undefined;
    // Dropouts of rate 0 do nothing; any other follows a hidden Dense, one at most.
    const stages = layers.slice(first).filter((l) => !(l.className === 'Dropout' && (l as DropoutLike).rate === 0));
    const dense: DenseLike[] = [];
    const dropoutOf = new Map<DenseLike, DropoutLike>();
    for (const l of stages) {
      if (l.className === 'Dense') dense.push(l as DenseLike);
      else if (l.className !== 'Dropout' || dense.length === 0 || dropoutOf.has(dense.at(-1)!)) return undefined;
      else dropoutOf.set(dense.at(-1)!, l as DropoutLike);
    }
    if (dropoutOf.has(dense.at(-1)!)) return undefined;
    const fits = dense.every((d, i) => d.built && d.trainable && d.weights.every((w) => w.trainable) &&
      !d.kernelRegularizer && !d.biasRegularizer && (i === dense.length - 1 || HIDDEN.has(d.activation.name)));
    const owned = dense.flatMap((d) => d.weights.map((w) => w.variable));
    if (!fits || owned.length !== variables.length || owned.some((v, i) => v !== variables[i])) return undefined;
    const { x, y } = data;
    const samples = x.shape[0]!;
    const features = x.shape.slice(1).reduce((a, b) => a * b, 1);
    if (x.dtype !== 'float32' || features !== dense[0]!.kernel.shape[0]) return undefined;
    if (!(y.rank === 1 || (y.rank === 2 && y.shape[1] === 1)) || (y.dtype !== 'int32' && y.dtype !== 'float32')) return undefined;
    const classes = dense[dense.length - 1]!.kernel.shape[1]!;
    const yShape = y.shape.slice(1);
    if (!metrics.takesWholeSteps([1, ...yShape], [1, classes])) return undefined;
    const optimizer = compiled.optimizer.wholeStepPlan([...variables]);
    if (!optimizer) return undefined;
    const views = [tf.reshape(x, [samples, features]), tf.reshape(y, [samples])];
    const spec: DenseTrainingSpec = {
      x: views[0]!,
      y: views[1]!,
      layers: dense.map((d, i) => ({
        kernel: d.kernel, bias: d.bias,
        activation: i === dense.length - 1 ? 'softmax' : (d.activation.name as DenseProgramActivation),
        ...(dropoutOf.has(d) ? { dropout: dropoutOf.get(d)!.rate } : {}),
      })),
      optimizer,
    };
    const program = factory(spec);
    if (!program) {
      tf.dispose(views);
      return undefined;
    }
    const dropouts = dense.filter((d) => dropoutOf.has(d)).map((d) => dropoutOf.get(d)!);
    return new WholeStep(program, compiled, views, source.start, yShape, [classes], dropouts);
  }

  /** Runs the batch of rows `indices` (or `start..end`) of the source; false when the program declined. */
  run(indices: Int32Array | null, start: number, end: number, metrics: EpochMetrics): boolean {
    const rows = indices === null
      ? Int32Array.from({ length: end - start }, (_, i) => this.offset + start + i)
      : this.offset ? indices.map((i) => i + this.offset) : indices;
    const optimizer = this.compiled.optimizer;
    // Drawn only once the step runs, in the per-kernel path's order: a declined step draws its own.
    const draw = () => ({ attrs: optimizer.takeWholeStep(), dropoutSeeds: this.dropouts.map((d) => d.nextSeed()) });
    if (!this.program.step({ rows, draw, sums: metrics.wholeStepSums() })) return false;
    const n = rows.length;
    metrics.addWholeStep(n, [n, ...this.yShape], [n, ...this.predShape]);
    return true;
  }

  dispose(): void {
    this.program.dispose();
    tf.dispose(this.views);
  }
}
