/**
 * Where a command writes: with `--json`, one JSON object per line on stdout (the last one is
 * the result) and nothing else there; otherwise human text. Progress always goes to stderr.
 */
export class Output {
  constructor(readonly json: boolean) {}

  /** A JSON line (with --json) or nothing. */
  record(object: Record<string, unknown>): void {
    if (this.json) process.stdout.write(`${JSON.stringify(object)}\n`);
  }

  /** Human text on stdout, suppressed with --json. */
  say(text: string): void {
    if (!this.json) process.stdout.write(`${text}\n`);
  }

  /** Human progress and notes on stderr. */
  note(text: string): void {
    process.stderr.write(`${text}\n`);
  }
}
