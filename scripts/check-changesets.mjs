#!/usr/bin/env node
// Fails when a public package changed since the last release without a changeset that names it.
// "Since the last release" is since the last commit that wrote a CHANGELOG.md (what
// `pnpm version-packages` does), or since the first commit before any release.
import { execFileSync } from 'node:child_process';

const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();

let base = git('log', '-1', '--format=%H', '--', 'packages/*/CHANGELOG.md', 'apps/cli/CHANGELOG.md');
if (!base) base = git('rev-list', '--max-parents=0', 'HEAD').split('\n').pop();

try {
  execFileSync('pnpm', ['exec', 'changeset', 'status', `--since=${base}`], { stdio: 'inherit' });
} catch {
  console.error(
    `\nA public package changed since ${base.slice(0, 10)} without a changeset naming it.\n` +
      'Run `pnpm changeset`, describe the change, and commit the file it writes in .changeset/.',
  );
  process.exit(1);
}
