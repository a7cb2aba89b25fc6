import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (apps/cli/test → ../../..). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Real Keras-written models shared with the other packages' tests (outside the repository). */
export const KERAS_FIXTURES = resolve(REPO_ROOT, '..', 'shared', 'fixtures', 'keras-h5');
