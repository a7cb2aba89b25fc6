import type { ArrayDataset } from '@neuralkit/data';
import type { Sequential } from '@neuralkit/model';
import { yieldToBrowser } from './dom.js';

export interface TrainingView {
  /** Called after each batch: the Keras-like readout and the x position in epochs. */
  batch(readout: string, x: number, logs: Record<string, number>): void;
  epoch(readout: string, x: number, logs: Record<string, number>): void;
}

export interface TrainingRun {
  model: Sequential;
  data: ArrayDataset;
  epochs: number;
  batchSize: number;
  validationSplit: number;
  view: TrainingView;
}

/** Keras's progress line: `loss: 0.3456 - accuracy: 0.9012`. */
export function formatLogs(logs: Record<string, number>): string {
  return Object.entries(logs)
    .filter(([key, value]) => key !== 'batch' && key !== 'size' && Number.isFinite(value))
    .map(([key, value]) => `${key}: ${value.toFixed(4)}`)
    .join(' - ');
}

/** Steps per epoch for `count` samples, of which `validationSplit` is held out. */
export function stepsPerEpoch(count: number, batchSize: number, validationSplit: number): number {
  // As fit() splits: the first floor(n · (1 − split)) samples train.
  const trained = Math.floor(count * (1 - validationSplit));
  return Math.ceil(trained / batchSize);
}

/**
 * Runs `model.fit`, reporting every batch and epoch, and yielding to the browser every ~40 ms
 * so the page stays responsive (and Stop can be pressed) while the GPU works.
 */
export async function train(run: TrainingRun): Promise<void> {
  const { model, data, epochs, view } = run;
  const steps = stepsPerEpoch(data.length, run.batchSize, run.validationSplit);
  let epoch = 0;
  let batches = 0;
  let lastYield = performance.now();
  const callbacks = {
    onEpochBegin: (e: number) => {
      epoch = e;
      batches = 0;
    },
    onTrainBatchEnd: async (batch: number, logs: Record<string, number> = {}) => {
      batches = batch + 1;
      const readout = `Epoch ${epoch + 1}/${epochs} · ${batch + 1}/${steps} · ${formatLogs(logs)}`;
      view.batch(readout, epoch + (batch + 1) / steps, logs);
      if (performance.now() - lastYield > 40) {
        await yieldToBrowser();
        lastYield = performance.now();
      }
    },
    onEpochEnd: async (e: number, logs: Record<string, number> = {}) => {
      // A stopped epoch ends early: say how far it got.
      view.epoch(`Epoch ${e + 1}/${epochs} · ${batches}/${steps} · ${formatLogs(logs)}`, e + batches / steps, logs);
      await yieldToBrowser();
    },
  };
  await model.fit(data, undefined, {
    epochs,
    batchSize: run.batchSize,
    validationSplit: run.validationSplit,
    shuffle: true,
    verbose: 0,
    callbacks: [callbacks],
  });
}
