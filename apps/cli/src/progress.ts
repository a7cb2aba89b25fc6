import pc from 'picocolors';

type Logs = Record<string, number>;

export interface ProgressOptions {
  epochs: number;
  stepsPerEpoch: number;
  /** Keras's live bar when true (a terminal); one line per epoch otherwise. */
  tty: boolean;
  write?: (text: string) => void;
}

const BAR = 20;

/** Keras's number format in progress lines. */
function formatValue(v: number): string {
  return Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(4);
}

/** `accuracy: 0.9012 - loss: 0.3456 - val_accuracy: ...`: training keys first, each group sorted. */
export function formatLogs(logs: Logs): string {
  const keys = Object.keys(logs).filter((k) => k !== 'batch' && k !== 'size');
  const train = keys.filter((k) => !k.startsWith('val_')).sort();
  const val = keys.filter((k) => k.startsWith('val_')).sort();
  return [...train, ...val].map((k) => `${k}: ${formatValue(logs[k]!)}`).join(' - ');
}

function formatSeconds(s: number): string {
  return s >= 1 ? `${Math.round(s)}s` : `${Math.round(s * 1000)}ms`;
}

function perStep(seconds: number, steps: number): string {
  const per = seconds / Math.max(1, steps);
  return per >= 1 ? `${per.toFixed(0)}s/step` : per >= 1e-3 ? `${Math.round(per * 1e3)}ms/step` : `${Math.round(per * 1e6)}us/step`;
}

/**
 * A callback object for `model.fit`: Keras's `Epoch 1/5` header and
 * `1875/1875 ━━━━━━━━━━━━━━━━━━━━ 2s 1ms/step - accuracy: … - loss: …` bar on a terminal.
 */
export function progressCallback(options: ProgressOptions) {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const { epochs, stepsPerEpoch: steps, tty } = options;
  let start = 0;
  let lastDraw = 0;
  const width = String(steps).length;
  const line = (step: number, logs: Logs, done: boolean) => {
    const elapsed = (performance.now() - start) / 1000;
    const filled = Math.round((BAR * step) / steps);
    const bar = pc.green('━'.repeat(filled)) + pc.dim('━'.repeat(BAR - filled));
    const time = done ? `${formatSeconds(elapsed)} ${perStep(elapsed, step)}` : `${formatSeconds((elapsed / step) * (steps - step))} ${perStep(elapsed, step)}`;
    const metrics = formatLogs(logs);
    return `${String(step).padStart(width)}/${steps} ${bar} ${time}${metrics ? ` - ${metrics}` : ''}`;
  };
  return {
    onEpochBegin(epoch: number) {
      start = performance.now();
      lastDraw = 0;
      if (tty) write(`Epoch ${epoch + 1}/${epochs}\n`);
    },
    onTrainBatchEnd(batch: number, logs: Logs = {}) {
      if (!tty) return;
      const now = performance.now();
      if (now - lastDraw < 100 && batch + 1 < steps) return;
      lastDraw = now;
      write(`\r\x1b[2K${line(batch + 1, logs, false)}`);
    },
    onEpochEnd(epoch: number, logs: Logs = {}) {
      const elapsed = (performance.now() - start) / 1000;
      if (tty) write(`\r\x1b[2K${line(steps, logs, true)}\n`);
      else write(`Epoch ${epoch + 1}/${epochs} - ${formatSeconds(elapsed)} - ${formatLogs(logs)}\n`);
    },
  };
}
