import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite is single-process: two servers on one data folder would corrupt it.
 * A pid file guards the folder; a file left by a dead process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, 'switchboard.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(lockPath, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(`another Switchboard process (pid ${owner}) is using ${dataDir}; stop it or set DATA_DIR`);
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`could not lock ${dataDir}`);
}

export class DataDirLockedError extends Error {}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
