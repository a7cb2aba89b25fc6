import { checkOptions, InvalidArgumentError, importNodeBuiltin } from '@neuralkit/core';
import { Callback } from './callback.js';
import { pythonFloat } from './python-format.js';

export interface CSVLoggerOptions {
  /** Field separator. Default `','`. */
  separator?: string;
  /** Append to an existing file (writing the header only if it is empty) instead of overwriting. Default false. */
  append?: boolean;
}

type FsPromises = typeof import('node:fs/promises');

/** A field as Python's csv writer quotes it (QUOTE_MINIMAL). */
function csvField(value: string, separator: string): string {
  if (value.includes(separator) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * Streams each epoch's logs to a CSV file (Keras 3 `CSVLogger`): an `epoch` column (from 0) and the
 * log keys in sorted order, numbers written as Python writes them, rows ending in `\r\n`. Node only.
 */
export class CSVLogger extends Callback {
  static readonly className = 'CSVLogger';
  readonly filename: string;
  readonly separator: string;
  readonly append: boolean;
  private keys: string[] | null = null;
  private writeHeader = true;
  private fs: FsPromises | null = null;

  constructor(filename: string, options: CSVLoggerOptions = {}) {
    super();
    if (typeof filename !== 'string' || filename === '') {
      throw InvalidArgumentError.expected('`filename` of CSVLogger', 'a file path', filename);
    }
    checkOptions('CSVLogger', options, ['separator', 'append']);
    this.filename = filename;
    this.separator = options.separator ?? ',';
    this.append = options.append ?? false;
  }

  override async onTrainBegin(): Promise<void> {
    this.fs = await importNodeBuiltin<FsPromises>('node:fs/promises');
    this.keys = null;
    if (this.append) {
      const existing = await this.fs.readFile(this.filename, 'utf8').catch(() => '');
      this.writeHeader = existing.length === 0;
    } else {
      this.writeHeader = true;
      await this.fs.writeFile(this.filename, '');
    }
  }

  override async onEpochEnd(epoch: number, logs: Record<string, number> = {}): Promise<void> {
    if (!this.fs) return;
    if (this.keys === null) this.keys = Object.keys(logs).sort();
    let text = '';
    if (this.writeHeader) {
      text += this.row(['epoch', ...this.keys]);
      this.writeHeader = false;
    }
    const values = this.keys.map((k) => (k in logs ? pythonFloat(logs[k] as number) : 'NA'));
    text += this.row([String(epoch), ...values]);
    await this.fs.appendFile(this.filename, text);
  }

  override onTrainEnd(): void {
    this.fs = null;
  }

  private row(fields: string[]): string {
    return `${fields.map((f) => csvField(f, this.separator)).join(this.separator)}\r\n`;
  }

  getConfig(): Record<string, unknown> {
    return { filename: this.filename, separator: this.separator, append: this.append };
  }
}
