import { chmodSync, existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Makes DATA_DIR the server's own: folders 0700, files 0600 (the embedded
 * database, the code secret). New folders and the server's own files get
 * these modes from the process umask (server/main.ts); the embedded
 * database creates its files 0666 whatever the umask (inside 0700 folders,
 * so no one else can reach them), so this runs again after the database
 * opens, after every scrub (which writes new relation files) and hourly.
 * Only modes that differ are changed.
 */
export function restrictDataDir(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const visit = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.isFile() && (stat.mode & 0o777) !== 0o600) {
      chmodSync(path, 0o600);
    }
  };
  visit(dataDir);
}
