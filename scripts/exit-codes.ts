import { ConfigError } from '../server/config';
import { BackupError } from '../server/db/backup';
import { DatabaseInUseError } from '../server/db/data-dir-lock';

/**
 * Runs a backup or restore script's `main` and exits with its code: 1 for a
 * configuration error (one line naming the variable), 2 for a failed backup
 * or restore (`${label} failed: …`) or anything unexpected.
 */
export function runAndExit(main: () => Promise<number>, label: string): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      if (error instanceof ConfigError) {
        console.error(error.message);
        process.exit(1);
      }
      if (error instanceof BackupError || error instanceof DatabaseInUseError) {
        console.error(`${label} failed: ${error.message}`);
        process.exit(2);
      }
      console.error(error);
      process.exit(2);
    },
  );
}
