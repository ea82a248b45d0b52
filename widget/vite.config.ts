import { gzipSync } from 'node:zlib';
import preact from '@preact/preset-vite';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { catalogues } from './src/i18n/catalogues.ts';

/** The budget for what a visitor downloads: the script, gzipped. */
const GZIP_BUDGET_BYTES = 25 * 1024;

/** Prints the gzipped size of the script and fails the build when it outgrows the budget. */
function gzipBudget(): Plugin {
  return {
    name: 'switchboard-widget-gzip-budget',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const gzipped = gzipSync(chunk.code, { level: 9 }).length;
        const line = `widget ${chunk.fileName}: ${(chunk.code.length / 1024).toFixed(1)} KB, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${GZIP_BUDGET_BYTES / 1024} KB)`;
        if (gzipped > GZIP_BUDGET_BYTES) this.error(`${line}: over budget`);
        console.log(line);
      }
    },
  };
}

/** Writes every language but English (which the script carries) as i18n/<code>.json next to it. */
function languageFiles(): Plugin {
  return {
    name: 'switchboard-widget-languages',
    generateBundle() {
      for (const [code, messages] of Object.entries(catalogues)) this.emitFile({ type: 'asset', fileName: `i18n/${code}.json`, source: JSON.stringify(messages) });
    },
  };
}

/**
 * One classic script, served by the server at /js/{widgetId}.js (server/http/routes/widget):
 * an IIFE with no exports, so it adds nothing to the host page but window.SnapEngage and its aliases.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [preact(), gzipBudget(), languageFiles()],
  build: {
    outDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    lib: { entry: fileURLToPath(new URL('./src/main.ts', import.meta.url)), formats: ['iife'], name: 'SwitchboardWidget', fileName: () => 'widget.js' },
  },
});
