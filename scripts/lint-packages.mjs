#!/usr/bin/env node
// Packs every public package as it would be published and checks the tarball with publint
// and @arethetypeswrong/cli (ESM-only profile), plus the house rules publint does not know.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicPackages, root } from './public-packages.mjs';

const out = mkdtempSync(join(tmpdir(), 'neuralkit-pack-'));
const problems = [];
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

try {
  for (const { name, dir, pkg } of publicPackages()) {
    const house = houseRules(pkg);
    if (house.length) problems.push(`${name}: ${house.join('; ')}`);
    const before = new Set(readdirSync(out));
    run('pnpm', ['pack', '--pack-destination', out], dir);
    const tarball = readdirSync(out).find((f) => !before.has(f));
    if (!tarball) { problems.push(`${name}: pnpm pack wrote no tarball`); continue; }
    for (const [cmd, args] of [
      ['publint', ['--strict', join(out, tarball)]],
      ['attw', ['--profile', 'esm-only', '--format', 'ascii', join(out, tarball)]],
    ]) {
      try {
        run(join(root, 'node_modules', '.bin', cmd), args, root);
      } catch (error) {
        problems.push(`${name}: ${cmd} failed\n${error.stdout ?? ''}${error.stderr ?? ''}`);
      }
    }
    console.log(`checked ${name}`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}

function houseRules(pkg) {
  const missing = [];
  for (const key of ['description', 'license', 'repository', 'keywords', 'exports', 'types', 'files', 'engines']) {
    if (pkg[key] === undefined) missing.push(`missing "${key}"`);
  }
  if (pkg.type !== 'module') missing.push('"type" must be "module"');
  if (!pkg.exports?.['./package.json'] && !pkg.bin) missing.push('exports lacks "./package.json"');
  const peer = pkg.peerDependencies?.['@tensorflow/tfjs-core'];
  if (!pkg.bin && peer !== '4.22.0') missing.push(`peer @tensorflow/tfjs-core must be 4.22.0, is ${peer}`);
  return missing;
}

if (problems.length) {
  console.error(`\n${problems.length} package problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('all public packages pass publint and attw');
