type FsPromises = typeof import('node:fs/promises');

/**
 * The mark a writer puts in the names of its temporary files and folders: its host and process id,
 * so that a later writer can tell what a killed one left behind from what a running one is writing.
 */
export function writerMark(host: string): string {
  return `${host.replace(/[^A-Za-z0-9-]/g, '-')}~${process.pid}~`;
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as { code?: string }).code === 'EPERM';
  }
}

/**
 * Deletes the entries of `dir` named `prefix` + a writer mark of this host + anything, whose writer
 * no longer runs: temporary files and staging folders of a save or export killed before it could
 * clean up. Entries of other hosts (a shared folder) and of running processes are left alone.
 * Best effort: a leftover that cannot be deleted stays, and the save goes on.
 */
export async function removeLeftovers(fs: FsPromises, dir: string, prefix: string, host: string): Promise<void> {
  const mark = writerMark(host).split('~')[0]!;
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const [entryHost, pid] = name.slice(prefix.length).split('~');
    if (entryHost !== mark || !/^\d+$/.test(pid ?? '') || Number(pid) === process.pid || running(Number(pid))) continue;
    await fs.rm(`${dir}/${name}`, { recursive: true, force: true }).catch(() => undefined);
  }
}
