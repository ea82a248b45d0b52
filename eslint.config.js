import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
