import { Callback, type Logs } from './callback.js';

/** Where progress goes: a Node stream (`process.stderr`) or anything with `write`. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressBarOptions {
  /** 1: a live bar on a terminal (one line per epoch otherwise); 2: one line per epoch. */
  verbose?: 1 | 2;
  /** Default `process.stderr` in Node, the console in browsers. */
  stream?: ProgressStream;
  /** Redraw interval in seconds (Keras: 0.05). */
  interval?: number;
}

const WIDTH = 20;
const ESC = String.fromCharCode(27);

function stripAnsi(text: string): string {
  return text.split(ESC).map((part, i) => (i === 0 ? part : part.replace(/^\[[0-9;]*m/, ''))).join('');
}

/** The console as a stream: whole lines only. */
function consoleStream(): ProgressStream {
  let pending = '';
  return {
    isTTY: false,
    write(text: string) {
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) console.log(line);
    },
  };
}

export function defaultProgressStream(): ProgressStream {
  const proc = (globalThis as { process?: { stderr?: ProgressStream } }).process;
  return proc?.stderr && typeof proc.stderr.write === 'function' ? proc.stderr : consoleStream();
}

/** Keras's rendering of a metric value. */
function formatValue(v: number): string {
  return Math.abs(v) > 1e-3 ? v.toFixed(4) : v.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Keras's `_format_time`: `1s/step`, `12ms/step`, `850us/step`. */
function formatStepTime(seconds: number): string {
  if (seconds >= 1 || seconds === 0) return `${seconds.toFixed(0)}s/step`;
  if (seconds >= 1e-3) return `${(seconds * 1e3).toFixed(0)}ms/step`;
  return `${(seconds * 1e6).toFixed(0)}us/step`;
}

function formatEta(eta: number): string {
  const s = Math.floor(eta);
  const two = (n: number) => String(n).padStart(2, '0');
  if (eta > 3600) return `${Math.floor(s / 3600)}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (eta > 60) return `${Math.floor(s / 60)}:${two(s % 60)}`;
  return `${s}s`;
}

/** Keras orders the figures by name: `accuracy`, `loss`, then `val_accuracy`, `val_loss`. */
function metricsText(logs: Logs): string {
  const keys = Object.keys(logs).sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')) || a.localeCompare(b));
  return keys.map((k) => ` - ${k}: ${formatValue(logs[k]!)}`).join('');
}

/**
 * Keras 3's progress display: `Epoch 1/5`, then
 * `1875/1875 ━━━━━━━━━━━━━━━━━━━━ 2s 1ms/step - accuracy: 0.8783 - loss: 0.4313`,
 * redrawn in place on a terminal, written once per epoch otherwise (and with `verbose: 2`).
 */
export class ProgressBar extends Callback {
  static readonly className = 'ProgbarLogger';
  readonly verbose: 1 | 2;
  readonly stream: ProgressStream;
  readonly interval: number;
  private start = 0;
  private afterFirst = 0;
  private lastDraw = 0;
  private prevWidth = 0;
  /** The last step reported in this bar: an epoch stopped early ends its bar there. */
  private seen = 0;
  private target = 0;

  constructor(options: ProgressBarOptions = {}) {
    super();
    this.verbose = options.verbose ?? 1;
    this.stream = options.stream ?? defaultProgressStream();
    this.interval = (options.interval ?? 0.05) * 1000;
  }

  private get live(): boolean {
    return this.verbose === 1 && this.stream.isTTY === true;
  }

  /** Whether batch logs are read (only for a live bar). */
  get wantsBatchLogs(): boolean {
    return this.live;
  }

  override onEpochBegin(epoch: number): void {
    this.stream.write(`Epoch ${epoch + 1}/${this.params.epochs}\n`);
    this.begin(this.params.steps);
  }

  override onTrainBatchEnd(batch: number, logs: Logs = {}): void {
    this.step(batch + 1, logs);
  }

  override onEpochEnd(_epoch: number, logs: Logs = {}): void {
    this.finish(logs);
  }

  /** Starts a bar of `target` steps (also used by evaluate and predict). */
  begin(target: number): void {
    this.target = target;
    this.start = this.lastDraw = performance.now();
    this.afterFirst = 0;
    this.prevWidth = 0;
    this.seen = 0;
  }

  step(current: number, logs: Logs): void {
    const now = performance.now();
    this.seen = current;
    if (current === 1) this.afterFirst = now;
    if (!this.live || now - this.lastDraw < this.interval || current >= this.target) return;
    this.lastDraw = now;
    const eta = (this.stepSeconds(current, now) * (this.target - current));
    this.draw(current, ` \x1b[1m${formatEta(eta)}\x1b[0m`, now, logs, false);
  }

  finish(logs: Logs): void {
    const now = performance.now();
    const elapsed = `${((now - this.start) / 1000).toFixed(0)}s`;
    // An epoch stopped early (stopTraining, Ctrl-C) shows the steps it ran, not the planned total.
    const done = this.seen > 0 ? Math.min(this.seen, this.target) : this.target;
    if (this.verbose === 2) {
      const count = `${done}/${this.target}`;
      this.stream.write(`${count} - ${elapsed} - ${formatStepTime(this.stepSeconds(done, now))}${metricsText(logs)}\n`);
      return;
    }
    this.draw(done, this.live ? ` \x1b[1m${elapsed}\x1b[0m` : ` ${elapsed}`, now, logs, true);
  }

  private stepSeconds(current: number, now: number): number {
    if (current <= 0) return 0;
    if (this.afterFirst && current > 1) return (now - this.afterFirst) / 1000 / (current - 1);
    return (now - this.start) / 1000 / current;
  }

  private draw(current: number, time: string, now: number, logs: Logs, final: boolean): void {
    const digits = String(this.target).length;
    const filled = this.target > 0 ? Math.floor((WIDTH * current) / this.target) : WIDTH;
    const count = `${String(current).padStart(digits)}/${this.target}`;
    const color = this.live;
    const bar = color
      ? `\x1b[1m${count}\x1b[0m \x1b[32m${'━'.repeat(filled)}\x1b[0m\x1b[37m${'━'.repeat(WIDTH - filled)}\x1b[0m`
      : `${count} ${'━'.repeat(WIDTH)}`;
    const text = `${bar}${time} ${formatStepTime(this.stepSeconds(current, now))}${metricsText(logs)}`;
    const width = stripAnsi(text).length;
    const pad = this.prevWidth > width ? ' '.repeat(this.prevWidth - width) : '';
    this.prevWidth = width;
    this.stream.write(`${color ? '\r' : ''}${text}${pad}${final ? '\n' : ''}`);
  }
}
