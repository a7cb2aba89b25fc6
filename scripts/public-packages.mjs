// The workspace's public (published) packages: every package.json under packages/ and apps/
// that is not private. Shared by the package lint and the release rehearsal.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function publicPackages() {
  const found = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(root, group))) {
      const file = join(root, group, name, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (!pkg.private) found.push({ name: pkg.name, version: pkg.version, dir: join(root, group, name), pkg });
    }
  }
  return found;
}
