import * as tf from '@tensorflow/tfjs-core';
import { stepProgramFactory, type StepProgram, type StepProgramSpec, type ProgramDense } from '@neuralkit/core';
import type { CompiledState } from './compile.js';
import type { DataSource } from './data-adapter.js';
import type { EpochMetrics } from './epoch-metrics.js';
import { softmaxFusion, type ForwardModel } from './loss-path.js';
import { programLayers, type DropoutLike } from './whole-step-layers.js';

/**
 * A whole training step run by the backend itself (`StepProgram` in `@neuralkit/core`),
 * where it has one: for Conv2D, MaxPooling2D and Dense layers (linear, relu, sigmoid or tanh),
 * each optionally followed by a Dropout, ending in Dense(softmax) (see `whole-step-layers.ts`),
 * under sparse categorical crossentropy on a tensor training set, no sample or class weights,
 * an optimizer step that is its fused update alone (no clipping, weight decay or
 * loss scaling), and no metric but an unweighted sparse categorical accuracy. The backend
 * gathers the batch from the whole training set, so fit only hands it the batch's row indices.
 * Any other model, and any step the program declines, takes the usual path.
 */
export class WholeStep {
  private constructor(
    private readonly program: StepProgram,
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
    const factory = stepProgramFactory(tf.getBackend());
    const data = source.tensors;
    if (!factory || !data || !data.y || data.sampleWeight || classWeighted) return undefined;
    if (softmaxFusion(model, compiled.loss)?.kind !== 'sparse') return undefined;
    const plan = programLayers(model.layers, source.sampleShape);
    if (!plan || plan.variables.length !== variables.length || plan.variables.some((v, i) => v !== variables[i])) return undefined;
    const { x, y } = data;
    const samples = x.shape[0]!;
    const features = x.shape.slice(1).reduce((a, b) => a * b, 1);
    if (x.dtype !== 'float32') return undefined;
    if (!(y.rank === 1 || (y.rank === 2 && y.shape[1] === 1)) || (y.dtype !== 'int32' && y.dtype !== 'float32')) return undefined;
    const classes = (plan.layers.at(-1) as ProgramDense).kernel.shape[1]!;
    const yShape = y.shape.slice(1);
    if (!metrics.takesWholeSteps([1, ...yShape], [1, classes])) return undefined;
    const optimizer = compiled.optimizer.wholeStepPlan([...variables]);
    if (!optimizer) return undefined;
    const views = [tf.reshape(x, [samples, features]), tf.reshape(y, [samples])];
    const spec: StepProgramSpec = {
      x: views[0]!,
      y: views[1]!,
      layers: plan.layers,
      optimizer,
    };
    const program = factory(spec);
    if (!program) {
      tf.dispose(views);
      return undefined;
    }
    return new WholeStep(program, compiled, views, source.start, yShape, [classes], plan.dropouts);
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
