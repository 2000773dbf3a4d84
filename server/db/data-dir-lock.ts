import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Thrown when another process (or another handle in this one) has the embedded database open. */
export class DatabaseInUseError extends Error {
  override readonly name = 'DatabaseInUseError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock file beside an embedded database's folder (`<dir>.lock`,
 * holding the process id), so that a second server, a backup or a restore
 * never opens the same files at once. A lock left by a process that no
 * longer runs is taken over. Returns the release function.
 *
 * @throws {DatabaseInUseError} while a live process holds it.
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
        throw new DatabaseInUseError(
          `The embedded database in ${dir} is in use by process ${pid}${pid === process.pid ? ' (this one)' : ''}. Stop the server first (or remove ${file} if no such process runs).`,
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DatabaseInUseError(`Could not lock ${dir}.`);
}
