import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@neuralkit/core';

/** What the monitoring callbacks use of the model (the `Sequential` contract). */
export interface MonitoredModel {
  stopTraining: boolean;
  getWeights(): tf.Tensor[];
  setWeights(tensors: tf.Tensor[]): void;
  readonly optimizer?: {
    learningRate: unknown;
    currentLearningRate(): number;
  } | null;
}

export type Mode = 'auto' | 'min' | 'max';

export function checkMode(owner: string, mode: string): Mode {
  if (mode === 'auto' || mode === 'min' || mode === 'max') return mode;
  throw InvalidArgumentError.expected(`\`mode\` of ${owner}`, "'auto', 'min' or 'max'", mode);
}

/**
 * Keras's `mode='auto'` rule used by ModelCheckpoint and ReduceLROnPlateau: maximise when the
 * monitored name contains `acc` (or starts with `fmeasure`), otherwise minimise.
 */
export function maximizeByName(monitor: string, mode: Mode): boolean {
  if (mode !== 'auto') return mode === 'max';
  return monitor.includes('acc') || monitor.startsWith('fmeasure');
}

const INCREASING = ['acc', 'auc', 'precision', 'recall', 'f1', 'fbeta', 'iou', 'r2', 'specificity', 'sensitivity'];
const DECREASING = ['loss', 'error', 'crossentropy', 'mse', 'mae', 'mape', 'msle', 'hinge', 'divergence', 'poisson', 'cosh'];

/**
 * EarlyStopping's `mode='auto'` (Keras 3): `loss` is minimised, other metrics follow their
 * direction; a metric whose direction is unknown is an error asking for an explicit mode.
 */
export function maximizeByDirection(owner: string, monitor: string, mode: Mode): boolean {
  if (mode !== 'auto') return mode === 'max';
  const name = monitor.startsWith('val_') ? monitor.slice(4) : monitor;
  if (DECREASING.some((d) => name.includes(d))) return false;
  if (INCREASING.some((d) => name.includes(d))) return true;
  throw new InvalidArgumentError(
    `${owner} received monitor=${JSON.stringify(monitor)}, but cannot tell whether that metric should be ` +
      "maximized or minimized: expected mode 'min' or 'max' to be passed.",
  );
}

/** The monitored value from the logs, or undefined with Keras's warning naming the available keys. */
export function monitoredValue(
  owner: string,
  monitor: string,
  logs: Record<string, number> | undefined,
): number | undefined {
  const value = logs?.[monitor];
  if (value === undefined) {
    console.warn(
      `${owner} is conditioned on metric \`${monitor}\`, which is not available. ` +
        `Available metrics are: ${Object.keys(logs ?? {}).join(',')}`,
    );
  }
  return value;
}
