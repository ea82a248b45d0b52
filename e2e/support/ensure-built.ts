import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');

function newestSource(folder: string): number {
  return Math.max(
    ...readdirSync(folder, { withFileTypes: true }).map((entry) => {
      const full = path.join(folder, entry.name);
      return entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs;
    }),
  );
}

/**
 * Runs `npm run <script>` when `output` (relative to the repository) is missing or older
 * than anything under `sources`, so a browser test can be run on its own without a stale build.
 * NODE_ENV is reset: vitest sets it to "test", which would build Preact's debug code.
 */
export function ensureBuilt(script: string, output: string, sources: string): void {
  const built = statSync(path.join(root, output), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= newestSource(path.join(root, sources))) return;
  execFileSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
}
