#!/usr/bin/env node
// Rehearses a release against a real local registry (Verdaccio on 127.0.0.1):
// version a copy of the repo with a test changeset, `changeset publish` every public package,
// then install from that registry with plain npm in fresh projects and use the packages as a
// user would. Stops Verdaccio and cleans up whatever happens; exits non-zero on any failure.
// Needs the packages built (`pnpm build`) first.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicPackages, root } from './public-packages.mjs';

const work = mkdtempSync(join(tmpdir(), 'neuralkit-release-'));
let verdaccio;

function step(title) {
  console.log(`\n== ${title}`);
}

const running = new Set();

/** Runs a command to completion, asynchronously so that a SIGINT/SIGTERM can still clean up. */
function run(cmd, args, options = {}) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...options });
    running.add(child);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? `code ${code}`}.`));
    });
  });
}

function cleanUp() {
  for (const child of running) child.kill('SIGTERM');
  verdaccio?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

// Interrupted: stop Verdaccio and every command still running, remove the work folder, then exit.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\nRelease rehearsal interrupted (${signal}); cleaning up.`);
    cleanUp();
    process.exit(130);
  });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function startVerdaccio(port) {
  const dir = join(work, 'verdaccio');
  mkdirSync(dir, { recursive: true });
  const upstream = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  writeFileSync(
    join(dir, 'config.yaml'),
    [
      `storage: ${join(dir, 'storage')}`,
      `auth:\n  htpasswd:\n    file: ${join(dir, 'htpasswd')}\n    max_users: 10`,
      `uplinks:\n  upstream:\n    url: ${upstream}\n    timeout: 120s`,
      "packages:\n  '@neuralkit/*':\n    access: $all\n    publish: $authenticated",
      "  '**':\n    access: $all\n    proxy: upstream",
      'log: { type: stdout, format: pretty, level: error }',
    ].join('\n') + '\n',
  );
  verdaccio = spawn(join(root, 'node_modules', '.bin', 'verdaccio'), ['--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 120; i++) {
    if (verdaccio.exitCode !== null) throw new Error(`Verdaccio exited with code ${verdaccio.exitCode}.`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) return url;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('Verdaccio did not answer within 60 s.');
}

/** Creates a throw-away user the way `npm adduser` does, and returns its token. */
async function addUser(url) {
  const name = 'rehearsal';
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'rehearsal-password', email: 'rehearsal@example.invalid' }),
  });
  const body = await res.json();
  if (!res.ok || !body.token) throw new Error(`Could not create a registry user: ${res.status} ${JSON.stringify(body)}`);
  return body.token;
}

function npmrc(url, token) {
  const host = url.replace(/^http:/, '');
  const file = join(work, 'npmrc');
  writeFileSync(file, `registry=${url}\n${host}:_authToken=${token}\n`);
  // Drop the npm_config_* that pnpm passes down (pnpm-only keys make plain npm warn).
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  return { ...inherited, npm_config_userconfig: file, npm_config_registry: url, npm_config_cache: join(work, 'npm-cache') };
}

function copyRepo() {
  const copy = join(work, 'repo');
  cpSync(root, copy, {
    recursive: true,
    filter: (src) => !/[/\\](node_modules|\.git|\.turbo)([/\\]|$)/.test(src.slice(root.length)),
  });
  return copy;
}

function writeTestChangeset(copy) {
  const names = publicPackages().map((p) => `"${p.name}": patch`);
  writeFileSync(join(copy, '.changeset', 'release-rehearsal.md'), `---\n${names.join('\n')}\n---\n\nRelease rehearsal.\n`);
}

function checkBuilt() {
  const unbuilt = publicPackages().filter((p) => !existsSync(join(p.dir, 'dist')));
  if (unbuilt.length) throw new Error(`Not built: ${unbuilt.map((p) => p.name).join(', ')}. Run \`pnpm build\` first.`);
}

async function main() {
  checkBuilt();
  step('Start Verdaccio');
  const url = await startVerdaccio(await freePort());
  const env = npmrc(url, await addUser(url));
  console.log(`registry at ${url}`);

  step('Version a copy of the repo and publish');
  const copy = copyRepo();
  writeTestChangeset(copy);
  // pnpm resolves `workspace:^` ranges from the installed workspace; the store already has everything.
  await run('pnpm', ['install', '--frozen-lockfile', '--offline', '--ignore-scripts'], { cwd: copy, env });
  const changeset = join(root, 'node_modules', '.bin', 'changeset');
  await run(changeset, ['version'], { cwd: copy, env });
  await run(changeset, ['publish', '--no-git-tag'], { cwd: copy, env });

  const { userChecks } = await import('./release-user-checks.mjs');
  await userChecks({ work, env, run });
  console.log('\nRelease rehearsal passed.');
}

try {
  await main();
} catch (error) {
  console.error(`\nRelease rehearsal FAILED: ${error.message}`);
  process.exitCode = 1;
} finally {
  cleanUp();
}
