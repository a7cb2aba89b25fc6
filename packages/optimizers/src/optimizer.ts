import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, ShapeError, configToOptions } from '@neuralkit/core';
import { get as getSchedule, serialize as serializeSchedule, type LearningRateSchedule } from '@neuralkit/schedules';
import { clipGradients, type ClipSettings } from './clipping.js';
import { OptionChecks, type OptimizerOptions } from './options.js';
import { OptimizerState, type SlotSpec } from './optimizer-state.js';
import { FusedUpdater, type FusedAttrs } from './fused/fused-updater.js';

/** What `updateStep` receives besides the gradient, the variable and its slots. */
export interface StepContext {
  /** The learning rate of this step as a float32 scalar tensor. */
  lr: tf.Scalar;
  /** The same learning rate as a number (float32 value). */
  lrValue: number;
  /** Keras's `local_step`: the iteration count plus one (1 on the first update). */
  step: number;
}

/**
 * Base of every optimizer, following Keras 3's `BaseOptimizer`. It owns the iteration count,
 * the learning rate (number or schedule), clipping, decoupled weight decay, slot variables,
 * checkpoint state and the Keras config. A subclass implements three things:
 *
 * 1. `slotSpecs()`: the slot variables each model variable needs, in order;
 * 2. `updateStep(gradient, variable, slots, ctx)`: update one variable (tfjs ops, run inside
 *    one `tf.tidy`; assign into the slots and the variable);
 * 3. `getConfig()`: Keras's config, the base config plus the subclass's own keys.
 *
 * A complete minimal example, SGD with Keras-style momentum:
 *
 * ```ts
 * class MomentumSGD extends Optimizer {
 *   static readonly className = 'MomentumSGD';
 *   readonly momentum: number;
 *   constructor(options: OptimizerOptions & { momentum?: number } = {}) {
 *     super('MomentumSGD', options, ['momentum'], { learningRate: 0.01, name: 'momentum_sgd' });
 *     this.momentum = this.checks.unit('momentum', options.momentum, 0.9, true);
 *   }
 *   protected slotSpecs(): SlotSpec[] {
 *     return [{ name: 'momentum' }];                        // zeros shaped like the variable
 *   }
 *   protected updateStep(g: tf.Tensor, v: tf.Variable, [m]: tf.Variable[], { lr }: StepContext) {
 *     m!.assign(tf.sub(tf.mul(m!, this.constant(this.momentum)), tf.mul(g, lr)));
 *     v.assign(tf.add(v, m!));
 *   }
 *   getConfig() {
 *     return { ...super.getConfig(), momentum: this.momentum };
 *   }
 * }
 * optimizerRegistry.register(MomentumSGD);
 * ```
 */
export abstract class Optimizer {
  static readonly className: string = 'Optimizer';
  readonly name: string;
  readonly weightDecay: number | null;
  readonly clip: ClipSettings;
  readonly lossScaleFactor: number | null;
  readonly emaMomentum: number;
  protected readonly checks: OptionChecks;
  private lrSetting: number | LearningRateSchedule;
  private readonly state = new OptimizerState();
  private readonly constants = new Map<number, tf.Scalar>();
  private readonly fused = new FusedUpdater(() => this.slotSpecs().map((s) => s.name));
  private excludedNames: string[] = [];
  private excludedPatterns: string[] = [];

  protected constructor(
    owner: string,
    options: OptimizerOptions | undefined,
    ownOptions: readonly string[],
    defaults: { learningRate: number; name: string },
  ) {
    const o = options ?? {};
    this.checks = new OptionChecks(owner);
    this.checks.known(options, ownOptions);
    this.lrSetting = this.checks.learningRate(o.learningRate, defaults.learningRate);
    this.name = typeof o.name === 'string' ? o.name : defaults.name;
    this.weightDecay = o.weightDecay == null ? null : this.checks.number('weight_decay', o.weightDecay, 0, 0);
    this.clip = {
      clipnorm: this.checks.optionalPositive('clipnorm', o.clipnorm),
      clipvalue: this.checks.optionalPositive('clipvalue', o.clipvalue),
      globalClipnorm: this.checks.optionalPositive('global_clipnorm', o.globalClipnorm),
    };
    this.checks.oneClipping(this.clip);
    this.lossScaleFactor = this.checks.optionalPositive('loss_scale_factor', o.lossScaleFactor);
    this.checks.unsupported('use_ema', o.useEma, false);
    this.checks.unsupported('ema_overwrite_frequency', o.emaOverwriteFrequency ?? undefined, null);
    this.checks.unsupported('gradient_accumulation_steps', o.gradientAccumulationSteps ?? undefined, null);
    this.emaMomentum = this.checks.unit('ema_momentum', o.emaMomentum, 0.99, true);
  }

  /** The slots each variable gets, in order (names such as `momentum`, `velocity`). */
  protected abstract slotSpecs(): SlotSpec[];

  /** Updates one variable and its slots; runs inside the step's `tf.tidy`. */
  protected abstract updateStep(gradient: tf.Tensor, variable: tf.Variable, slots: tf.Variable[], ctx: StepContext): void;

  /**
   * This step's attrs for the backend's fused update kernel (see `FusedUpdater`; looked up by
   * `className`, so a renamed subclass never inherits its parent's kernel), or undefined.
   */
  protected fusedAttrs(_ctx: StepContext): FusedAttrs | undefined {
    return undefined;
  }

  /** Hook run once per step before the per-variable updates (Nadam's momentum cache). */
  protected beforeUpdates(_step: number): void {}

  /** Hook run after `setWeights` restored the iteration count. */
  protected afterRestore(): void {}

  /** A cached float32 scalar for a constant (kept until `dispose`). */
  protected constant(value: number): tf.Scalar {
    let t = this.constants.get(value);
    if (!t) {
      t = tf.keep(tf.scalar(value, 'float32'));
      this.constants.set(value, t);
    }
    return t;
  }

  /** Optimizer steps taken so far. */
  get iterations(): number {
    return this.state.iterations;
  }

  get built(): boolean {
    return this.state.built;
  }

  /** The configured learning rate: a number or a schedule. */
  get learningRate(): number | LearningRateSchedule {
    return this.lrSetting;
  }

  /** A new number or schedule; a number cannot replace a schedule (as in Keras). */
  set learningRate(value: number | LearningRateSchedule) {
    const next = this.checks.learningRate(value, Number.NaN);
    if (typeof next === 'number' && typeof this.lrSetting !== 'number') {
      throw new InvalidArgumentError(
        `Invalid learning_rate of ${this.checks.owner}: it was created with a schedule, so it takes a schedule, ` +
          `received ${next}.`,
      );
    }
    this.lrSetting = next;
  }

  /** The learning rate the next update uses (float32), the schedule evaluated at `iterations`. */
  currentLearningRate(): number {
    const lr = this.lrSetting;
    return Math.fround(typeof lr === 'number' ? lr : lr.valueAt(this.state.iterations));
  }

  /** Keras's `exclude_from_weight_decay`: variables, or names containing one of `varNames`. */
  excludeFromWeightDecay(options: { variables?: tf.Variable[]; varNames?: string[] }): void {
    if (this.state.built) {
      throw new InvalidArgumentError(`${this.checks.owner}: excludeFromWeightDecay must be called before build.`);
    }
    this.excludedNames = (options.variables ?? []).map((v) => v.name);
    this.excludedPatterns = options.varNames ?? [];
  }

  /** Creates the slots for these variables now (before restoring saved state); a no-op once built. */
  build(variables: tf.Variable[]): void {
    if (this.state.built) return;
    this.state.build(this.checks.owner, variables, this.slotSpecs());
  }

  /** One optimizer step: clip, decay, update every variable, then count the iteration. */
  applyGradients(pairs: Array<[tf.Tensor | null | undefined, tf.Variable]>): void {
    const given = this.checkPairs(pairs);
    if (given.length === 0) return;
    if (!this.state.built) this.build(pairs.map(([, v]) => v));
    const slots = given.map(([, v]) => this.state.slotsOf(this.checks.owner, v));
    const lrValue = this.currentLearningRate();
    const step = this.state.iterations + 1;
    tf.tidy(() => {
      let grads = given.map(([g, v]) => (g.dtype === v.dtype ? g : tf.cast(g, v.dtype)));
      if (this.lossScaleFactor !== null) grads = grads.map((g) => tf.div(g, this.lossScaleFactor as number));
      grads = clipGradients(grads, this.clip);
      const lr = tf.scalar(lrValue, 'float32');
      this.applyWeightDecay(given.map(([, v]) => v), lr);
      this.beforeUpdates(step);
      const ctx: StepContext = { lr, lrValue, step };
      given.forEach(([, v], i) => this.updateOne(grads[i]!, v, slots[i]!, ctx));
    });
    this.state.iterations = step;
  }

  /**
   * For a backend that runs whole training steps itself (`StepProgram` in
   * `@neuralkit/core`): this optimizer's fused kernel and each variable's slots, or undefined when
   * its step needs more than the kernel (clipping, weight decay, loss scaling, no fused form).
   * Builds the slots first.
   */
  wholeStepPlan(variables: tf.Variable[]): { className: string; slotNames: string[]; slots: tf.Variable[][] } | undefined {
    const className = (this.constructor as typeof Optimizer).className;
    const clipped = this.clip.clipnorm !== null || this.clip.globalClipnorm !== null || this.clip.clipvalue !== null;
    if (clipped || this.weightDecay !== null || this.lossScaleFactor !== null || variables.length === 0) return undefined;
    this.build(variables);
    const probe = this.fusedAttrs({ lr: undefined as unknown as tf.Scalar, lrValue: 0, step: 1 });
    if (probe === undefined) return undefined;
    return {
      className,
      slotNames: this.slotSpecs().map((s) => s.name),
      slots: variables.map((v) => this.state.slotsOf(this.checks.owner, v)),
    };
  }

  /**
   * The fused kernel's attrs for the next step, counting that step as `applyGradients` does:
   * for a backend that updates the weights itself (see `wholeStepPlan`).
   */
  takeWholeStep(): FusedAttrs {
    const lrValue = this.currentLearningRate();
    const step = this.state.iterations + 1;
    this.beforeUpdates(step);
    const attrs = this.fusedAttrs({ lr: undefined as unknown as tf.Scalar, lrValue, step });
    if (attrs === undefined) throw new Error(`${this.checks.owner}: no fused update to take a whole step with.`);
    this.state.iterations = step;
    return attrs;
  }

  /** Computes the loss and its gradients for `variables` (default: all trainable) and applies them. */
  minimize(lossFn: () => tf.Scalar, variables?: tf.Variable[]): tf.Scalar {
    const { value, grads } = tf.variableGrads(lossFn, variables);
    const byName = variables ?? Object.keys(grads).map((n) => tf.engine().registeredVariables[n]!);
    try {
      this.applyGradients(byName.map((v) => [grads[v.name], v]));
    } finally {
      tf.dispose(grads);
    }
    return value;
  }

  /** `[iteration, then each variable's slots in build order]`, as new tensors the caller owns. */
  getWeights(): tf.Tensor[] {
    return [tf.scalar(this.state.iterations, 'int32'), ...this.state.slotList().map((s) => tf.clone(s))];
  }

  /** Keras-3-style names in `getWeights` order: `iteration`, `dense_kernel_momentum`, ... */
  getWeightNames(): string[] {
    return ['iteration', ...this.state.slotNames()];
  }

  /** Restores `getWeights` output; the optimizer must be built on the same variables first. */
  setWeights(weights: tf.Tensor[]): void {
    this.state.restore(this.checks.owner, weights);
    this.afterRestore();
  }

  /** Frees the slots and cached constants; the optimizer can be built again afterwards. */
  dispose(): void {
    this.state.dispose();
    for (const t of this.constants.values()) t.dispose();
    this.constants.clear();
  }

  /** Keras's base optimizer config; subclasses add their own keys. */
  getConfig(): Record<string, unknown> {
    const lr = this.lrSetting;
    return {
      name: this.name,
      // Keras keeps a number learning rate in a float32 variable and writes that value back.
      learning_rate: typeof lr === 'number' ? Math.fround(lr) : serializeSchedule(lr),
      weight_decay: this.weightDecay,
      clipnorm: this.clip.clipnorm,
      global_clipnorm: this.clip.globalClipnorm,
      clipvalue: this.clip.clipvalue,
      use_ema: false,
      ema_momentum: this.emaMomentum,
      ema_overwrite_frequency: null,
      loss_scale_factor: this.lossScaleFactor,
      gradient_accumulation_steps: null,
    };
  }

  /** Builds an optimizer from Keras's config (a nested schedule included; tf.keras 2 extras ignored). */
  static fromConfig<T extends Optimizer>(
    this: new (options?: any) => T,
    config: Record<string, unknown>,
  ): T {
    const { decay, jit_compile: _jit, is_legacy_optimizer: _legacy, ...rest } = config;
    if (typeof decay === 'number' && decay !== 0) {
      console.warn(`Optimizer config: \`decay\` is no longer supported and is ignored (received ${decay}).`);
    }
    const options = configToOptions(rest);
    const lr = options.learningRate;
    if (lr !== null && typeof lr === 'object') options.learningRate = getSchedule(lr as never);
    return new this(options);
  }

  /** The fused kernel when the backend has one and the buffers allow it, else `updateStep`. */
  private updateOne(g: tf.Tensor, v: tf.Variable, slots: tf.Variable[], ctx: StepContext): void {
    const kernel = this.fused.kernelFor((this.constructor as typeof Optimizer).className);
    const attrs = kernel === undefined ? undefined : this.fusedAttrs(ctx);
    if (attrs !== undefined && this.fused.update({ kernel: kernel!, gradient: g, variable: v, slots, attrs })) return;
    this.updateStep(g, v, slots, ctx);
    this.fused.adopt([v, ...slots]);
  }

  private applyWeightDecay(variables: tf.Variable[], lr: tf.Scalar): void {
    if (this.weightDecay === null) return;
    const wd = this.constant(this.weightDecay);
    for (const v of variables) {
      if (this.excludedNames.includes(v.name) || this.excludedPatterns.some((p) => v.name.includes(p))) continue;
      // In its own tidy so the decayed value is the variable's only reference: a fused update may follow.
      tf.tidy(() => v.assign(tf.sub(v, tf.mul(tf.mul(v, wd), lr))));
      this.fused.adopt([v]);
    }
  }

  private checkPairs(pairs: Array<[tf.Tensor | null | undefined, tf.Variable]>): Array<[tf.Tensor, tf.Variable]> {
    if (!Array.isArray(pairs)) {
      throw InvalidArgumentError.expected(`gradients of ${this.checks.owner}.applyGradients`, 'an array of [gradient, variable] pairs', pairs);
    }
    const given: Array<[tf.Tensor, tf.Variable]> = [];
    for (const [g, v] of pairs) {
      if (g === null || g === undefined) continue;
      if (!v || typeof (v as tf.Variable).assign !== 'function') {
        throw InvalidArgumentError.expected(`variable of ${this.checks.owner}.applyGradients`, 'a tf.Variable', v);
      }
      if (!Array.isArray(g.shape) || !tf.util.arraysEqual(g.shape, v.shape)) {
        throw new ShapeError(
          `${this.checks.owner}: gradient of shape [${g.shape?.join(', ')}] does not match variable ` +
            `"${v.name}" of shape [${v.shape.join(', ')}].`,
        );
      }
      given.push([g, v]);
    }
    if (given.length === 0 && pairs.length > 0) {
      throw new InvalidArgumentError(`${this.checks.owner}: no gradients provided for any variable.`);
    }
    return given;
  }
}
