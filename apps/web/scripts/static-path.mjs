// Maps a request's URL path to a file under the served folder, refusing anything that could leave it.
import { realpathSync } from 'node:fs';
import { isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * `{ file }` for a path inside `root`, or `{ status, message }` to answer instead: 400 for paths
 * no browser sends (bad percent-encoding, NUL, backslashes, encoded slashes), 403 for any that
 * would leave `root`, after decoding, `..` resolution and symbolic links alike.
 */
export function resolveStaticPath(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return { status: 400, message: `Bad request: ${urlPath} is not valid percent-encoding.` };
  }
  if (path.includes('\0')) return { status: 400, message: 'Bad request: NUL byte in the path.' };
  if (path.includes('\\')) return { status: 400, message: 'Bad request: backslash in the path.' };
  if (/%2f|%5c/i.test(urlPath)) return { status: 400, message: 'Bad request: encoded slash in the path.' };
  const file = normalize(join(root, path));
  if (!inside(root, file)) return { status: 403, message: 'Forbidden' };
  try {
    // A symbolic link inside the folder may point outside it.
    if (!inside(realpathSync(root), realpathSync(file))) return { status: 403, message: 'Forbidden' };
  } catch {
    // Missing files are answered 404 by the caller.
  }
  return { file };
}

function inside(root, file) {
  const rel = relative(root, file);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
