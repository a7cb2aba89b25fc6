import { checkOptions, InvalidArgumentError, importNodeBuiltin } from '@neuralkit/core';
import { saveModel, saveWeights } from '../io/model-format.js';
import type { Sequential } from '../io/sequential-type.js';
import { Callback } from './callback.js';
import { checkMode, maximizeByName, type Mode } from './monitor-mode.js';
import { formatTemplate } from './python-format.js';

export interface ModelCheckpointOptions {
  /**
   * Where to save; Python format fields are filled from the epoch (1-based) and the logs:
   * `'ckpt/model.{epoch:02d}-{val_loss:.2f}.json'`.
   */
  filepath: string;
  /** Quantity compared by `saveBestOnly`. Default `'val_loss'`. */
  monitor?: string;
  /** 0 silent, 1 prints each save. Default 0. */
  verbose?: number;
  /** Save only when the monitored quantity improves. Default false. */
  saveBestOnly?: boolean;
  /** Save only the weights (no topology, no optimizer). Default false. */
  saveWeightsOnly?: boolean;
  /** `'auto'`, `'min'` or `'max'`. Default `'auto'`. */
  mode?: Mode;
  /** `'epoch'`, or save every N batches. Default `'epoch'`. */
  saveFreq?: 'epoch' | number;
  /** With `saveBestOnly`, the value to beat before the first save. Default null. */
  initialValueThreshold?: number | null;
}

const KNOWN = [
  'filepath', 'monitor', 'verbose', 'saveBestOnly', 'saveWeightsOnly', 'mode', 'saveFreq', 'initialValueThreshold',
];

/**
 * Saves the model (or its weights) during training (Keras 3 `ModelCheckpoint`), through the
 * registered model formats: `.json` (tfjs-layers), `.h5`/`.keras` with `@neuralkit/h5` imported.
 */
export class ModelCheckpoint extends Callback {
  static readonly className = 'ModelCheckpoint';
  readonly filepath: string;
  readonly monitor: string;
  readonly verbose: number;
  readonly saveBestOnly: boolean;
  readonly saveWeightsOnly: boolean;
  readonly mode: Mode;
  readonly saveFreq: 'epoch' | number;
  readonly initialValueThreshold: number | null;
  best: number;
  private readonly maximize: boolean;
  private currentEpoch = 0;
  private batchesSinceSave = 0;
  /** Paths written so far, in order. */
  readonly saved: string[] = [];

  constructor(options: ModelCheckpointOptions) {
    super();
    checkOptions('ModelCheckpoint', options, KNOWN);
    if (typeof options?.filepath !== 'string' || options.filepath === '') {
      throw InvalidArgumentError.expected('`filepath` of ModelCheckpoint', 'a file path', options?.filepath);
    }
    this.filepath = options.filepath;
    this.monitor = options.monitor ?? 'val_loss';
    this.verbose = options.verbose ?? 0;
    this.saveBestOnly = options.saveBestOnly ?? false;
    this.saveWeightsOnly = options.saveWeightsOnly ?? false;
    this.mode = checkMode('ModelCheckpoint', options.mode ?? 'auto');
    this.saveFreq = options.saveFreq ?? 'epoch';
    if (this.saveFreq !== 'epoch' && !(Number.isInteger(this.saveFreq) && this.saveFreq > 0)) {
      throw InvalidArgumentError.expected('`saveFreq` of ModelCheckpoint', "'epoch' or a positive integer", this.saveFreq);
    }
    this.maximize = maximizeByName(this.monitor, this.mode);
    this.initialValueThreshold = options.initialValueThreshold ?? null;
    this.best = this.initialValueThreshold ?? (this.maximize ? -Infinity : Infinity);
  }

  override onEpochBegin(epoch: number): void {
    this.currentEpoch = epoch;
  }

  override async onTrainBatchEnd(batch: number, logs?: Record<string, number>): Promise<void> {
    if (this.saveFreq === 'epoch') return;
    this.batchesSinceSave += 1;
    if (this.batchesSinceSave < this.saveFreq) return;
    this.batchesSinceSave = 0;
    await this.saveCheckpoint(this.currentEpoch, batch, logs);
  }

  override async onEpochEnd(epoch: number, logs?: Record<string, number>): Promise<void> {
    if (this.saveFreq === 'epoch') await this.saveCheckpoint(epoch, undefined, logs);
  }

  /** The path for an epoch (0-based, written 1-based as Keras does) and optional batch. */
  filePath(epoch: number, batch: number | undefined, logs: Record<string, number> = {}): string {
    const values: Record<string, unknown> = { ...logs, epoch: epoch + 1 };
    if (batch !== undefined) values.batch = batch + 1;
    return formatTemplate(this.filepath, values, ['epoch', 'batch']);
  }

  private improved(current: number): boolean {
    return this.maximize ? current > this.best : current < this.best;
  }

  private async saveCheckpoint(epoch: number, batch: number | undefined, logs?: Record<string, number>): Promise<void> {
    const path = this.filePath(epoch, batch, logs);
    if (this.saveBestOnly) {
      const current = logs?.[this.monitor];
      if (current === undefined) {
        console.warn(`Can save best model only with ${this.monitor} available, skipping.`);
        return;
      }
      if (!this.improved(current)) {
        if (this.verbose > 0) {
          console.log(`\nEpoch ${epoch + 1}: ${this.monitor} did not improve from ${this.best.toFixed(5)}`);
        }
        return;
      }
      if (this.verbose > 0) {
        console.log(
          `\nEpoch ${epoch + 1}: ${this.monitor} improved from ${this.best.toFixed(5)} to ${current.toFixed(5)}, saving model to ${path}`,
        );
      }
      this.best = current;
    } else if (this.verbose > 0) {
      console.log(`\nEpoch ${epoch + 1}: saving model to ${path}`);
    }
    await ensureDirectory(path);
    const model = this.model as unknown as Sequential;
    if (this.saveWeightsOnly) await saveWeights(model, path);
    else await saveModel(model, path);
    this.saved.push(path);
  }

  getConfig(): Record<string, unknown> {
    return {
      filepath: this.filepath,
      monitor: this.monitor,
      verbose: this.verbose,
      save_best_only: this.saveBestOnly,
      save_weights_only: this.saveWeightsOnly,
      mode: this.mode,
      save_freq: this.saveFreq,
      initial_value_threshold: this.initialValueThreshold,
    };
  }
}

/** Keras creates the checkpoint's directory; only for file paths under Node. */
async function ensureDirectory(path: string): Promise<void> {
  if (typeof process === 'undefined' || !process.versions?.node || /^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return;
  const [fs, p] = await Promise.all([
    importNodeBuiltin<typeof import('node:fs/promises')>('node:fs/promises'),
    importNodeBuiltin<typeof import('node:path')>('node:path'),
  ]);
  await fs.mkdir(p.dirname(path), { recursive: true });
}
