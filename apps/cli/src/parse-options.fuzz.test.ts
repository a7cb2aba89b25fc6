import { Command, CommanderError } from 'commander';
import { fc, fuzzRuns, fuzzTimeout, runFuzz } from '@neuralkit/testing/fuzz';
import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.js';

/** The real program with every action replaced by a no-op and its output swallowed: parsing only. */
function parsingProgram(): Command {
  const program = buildProgram();
  const quiet = (command: Command): void => {
    command.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
    if (command !== program) command.action(() => {});
    command.commands.forEach(quiet);
  };
  quiet(program);
  return program;
}

/** Every flag the program declares, and its commands' names. */
function words(program: Command): string[] {
  return program.commands.flatMap((c) => [c.name(), ...c.options.map((o) => o.long ?? '')]).concat(program.options.map((o) => o.long ?? ''));
}

const VALUES = ['0', '-1', '1.5', 'NaN', 'Infinity', '1e999', '', ' ', '0x10', '--', '-', '\0', '1,2,,3', 'a'.repeat(5000), '__proto__', 'constructor', 'x.h5', '../../etc/passwd'];

describe('CLI option parsing under fuzzing: every command line parses or gives a usage error', () => {
  it('real flags with hostile values', async () => {
    const program = parsingProgram();
    const value = fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 12 }), fc.double().map(String));
    // A real command, then flag/value pairs (mostly its own flags), with a stray word now and then.
    const argv = fc.constantFrom(...program.commands).chain((command) =>
      fc
        .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('--json', ...command.options.map((o) => o.long ?? '--x')) }, fc.constantFrom(...words(program).filter(Boolean))), value), { maxLength: 5 })
        .map((pairs) => [command.name(), ...pairs.flat()]),
    );
    const counts = await runFuzz(
      {
        parser: 'CLI options',
        inputs: argv,
        // A value that reads as -h or -V shows help or the version and exits 0: a success.
        parse: (args) =>
          parsingProgram().parseAsync(args, { from: 'user' }).catch((error: unknown) => {
            if (!(error instanceof CommanderError && error.exitCode === 0)) throw error;
          }),
        // commander's usage errors (exit code 2) are the typed outcome of a bad command line.
        isExpected: (error) => error instanceof CommanderError && error.exitCode !== 0,
      },
      { runs: fuzzRuns(500) },
    );
    expect(counts.defects).toBe(0);
    expect(counts.typedErrors).toBeGreaterThan(0);
  }, fuzzTimeout(60_000));
});
