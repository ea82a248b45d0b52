import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const repository = path.dirname(fileURLToPath(import.meta.url));
const dialectsFolder = path.join(repository, 'server/dialects');

/**
 * A vendor dialect reaches the rest of the server only through server/dialects/kit.ts (or
 * protocol/), so what dialects depend on is one reviewed list. A rule of its own rather than
 * no-restricted-imports patterns: whether `../../x.ts` leaves the vendor's folder depends on how
 * deep the importing file sits, which patterns cannot see.
 */
const dialectImportsThroughKit = {
  meta: {
    type: 'problem',
    schema: [],
    messages: { outside: "'{{source}}' leaves this dialect's folder: import the server through server/dialects/kit.ts (or protocol/)." },
  },
  create(context) {
    const vendorName = path.relative(dialectsFolder, context.filename).split(path.sep)[0];
    const allowedRoots = [path.join(dialectsFolder, vendorName), path.join(repository, 'protocol')];
    const kit = path.join(dialectsFolder, 'kit.ts');
    const isAllowed = (target) => target === kit || allowedRoots.some((root) => target.startsWith(root + path.sep));
    const check = ({ source }) => {
      if (typeof source?.value !== 'string' || !source.value.startsWith('.')) return;
      if (!isAllowed(path.resolve(path.dirname(context.filename), source.value))) {
        context.report({ node: source, messageId: 'outside', data: { source: source.value } });
      }
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

/** Import boundaries: each entry says which folder may not import what, and why. */
const boundaries = [
  {
    files: ['server/core/**/*.ts'],
    patterns: [
      { group: ['fastify', '@fastify/*'], message: 'core is framework-free: HTTP belongs in server/http or a dialect.' },
      { group: ['**/dialects/**'], message: 'core never knows about vendor dialects.' },
      { group: ['**/http/**'], message: 'core never depends on the HTTP layer.' },
    ],
  },
  {
    files: ['server/dialects/**/*.ts'],
    patterns: [
      { group: ['**/db/**'], message: 'dialects reach data only through core commands and queries.' },
    ],
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'test-results/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', Blob: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  // Plain scripts served to browsers by the server-rendered pages.
  {
    files: ['server/http/routes/pages/*.js'],
    languageOptions: { globals: { document: 'readonly', fetch: 'readonly', window: 'readonly' } },
  },
  // Only the database layer talks to the ORM and the drivers (and the bench's bare-driver baseline).
  {
    files: ['**/*.ts'],
    ignores: ['server/db/**', 'drizzle.config.ts', 'bench/baseline-relay.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'only server/db imports drizzle and database drivers.' }] }],
    },
  },
  // protocol/ is type-checked by the console and widget projects too (no Node, no database types).
  {
    files: ['protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!typebox$|\\./)', message: 'protocol/ may import only typebox and its own files: the browser projects type-check it.' }] }],
    },
  },
  // The browser bundles read the wire types from protocol/ and erase them: its schemas and the server stay out.
  {
    files: ['console/src/**/*.{ts,tsx}', 'widget/src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/protocol/*'], allowTypeImports: true, message: 'import protocol/ type-only: its runtime (TypeBox schemas) belongs to the server.' },
            { group: ['**/server/**'], message: 'the browser bundles never import server code; the wire types they share are in protocol/.' },
          ],
        },
      ],
    },
  },
  // Tests may reach the harness (server/test) and whatever they set up; the dialect's code may not.
  {
    files: ['server/dialects/*/**/*.ts'],
    ignores: ['**/__tests__/**'],
    plugins: { dialects: { rules: { 'imports-through-kit': dialectImportsThroughKit } } },
    rules: { 'dialects/imports-through-kit': 'error' },
  },
  ...boundaries.map(({ files, patterns }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...patterns, { group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'only server/db imports drizzle and database drivers.' }] },
      ],
    },
  })),
);
