import { link, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * PGlite is single-process: two servers on one data folder would corrupt it.
 * A pid file guards the folder; a file left by a dead process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, 'switchboard.pid');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await createWithContent(lockPath, String(process.pid));
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

/**
 * Creates the file only if it does not exist, already holding its content: a hard link of a
 * written temporary file appears whole. (Creating it empty and then writing left a moment in
 * which a second start read no pid, took the file for stale and opened the database too.)
 */
async function createWithContent(filePath: string, content: string): Promise<void> {
  const temporary = `${filePath}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  try {
    await link(temporary, filePath);
  } finally {
    await rm(temporary, { force: true });
  }
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
