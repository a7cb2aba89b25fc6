// The architecture rule of architecture.json, checked over the sources (tests excluded: they may
// activate real backends): library packages import no backend package and touch no backend
// internals; adapters import no @neuralkit package but core. Exits 1 with one line per violation.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './public-packages.mjs';

const rules = JSON.parse(readFileSync(join(root, 'architecture.json'), 'utf8'));

const glob = (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
const matchesAny = (patterns, name) => patterns.some((p) => glob(p).test(name));

/** Import specifiers of a source file: static, dynamic, re-exports and require. Comments are ignored. */
export function importsOf(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found = [];
  for (const re of [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s+['"]([^'"]+)['"]/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g]) {
    for (const m of code.matchAll(re)) found.push(m[1]);
  }
  return { code, found };
}

/** Violations in one file of a package of the given kind ('library' | 'adapter'). */
export function violations(kind, file, source) {
  const { code, found } = importsOf(source);
  const out = [];
  for (const spec of found) {
    const bare = spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');
    if (kind === 'library' && matchesAny(rules.libraryForbiddenImports, bare)) out.push(`${file}: a library package imports the backend package ${spec}`);
    if (kind === 'adapter' && bare.startsWith('@neuralkit/') && !rules.adapterAllowedNeuralkitImports.includes(bare)) {
      out.push(`${file}: an adapter imports ${spec} (adapters depend on @neuralkit/core only)`);
    }
  }
  if (kind === 'library') {
    for (const pattern of rules.backendInternals) {
      const m = code.match(new RegExp(pattern));
      if (m) out.push(`${file}: a library package touches backend internals (${m[0].trim()}); register a kernel in the adapter instead`);
    }
  }
  return out;
}

function sources(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.|\.d\.ts$/.test(name)) out.push(path);
  }
  return out;
}

function check() {
  // The rule must be able to fail: a known-bad library line is caught.
  if (violations('library', 'self-check.ts', "import { x } from '@tensorflow/tfjs-backend-wasm';\nb.typedArrayFromHeap(t);").length !== 2) {
    throw new Error('check-architecture: the rules no longer catch a known violation.');
  }
  const problems = [];
  for (const name of readdirSync(join(root, 'packages'))) {
    const kind = rules.libraries.includes(name) ? 'library' : matchesAny(rules.adapters, name) ? 'adapter' : undefined;
    if (!kind) continue;
    const dir = join(root, 'packages', name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })) {
      if (kind === 'library' && matchesAny(rules.libraryForbiddenImports, dep)) problems.push(`packages/${name}/package.json: a library package depends on ${dep}`);
    }
    for (const file of sources(join(dir, 'src'))) {
      problems.push(...violations(kind, relative(root, file), readFileSync(file, 'utf8')));
    }
  }
  return problems;
}

const problems = check();
if (problems.length) {
  console.error(`Architecture (architecture.json): ${problems.length} violation(s)\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('Architecture (architecture.json): library packages import no backend and touch no backend internals.');
