import { chmodSync, existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes DATA_DIR the server's own: folders 0700, files 0600 (the embedded
 * database, the code secret). New files get these modes from the process
 * umask (server/main.ts); this fixes an existing installation.
 */
export function restrictDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      chmodSync(path, 0o700);
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.isFile()) {
      chmodSync(path, 0o600);
    }
  };
  visit(dataDir);
}
