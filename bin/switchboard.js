#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader: no build step between `git clone` and `npm start`.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/index.ts');
