import type { Dialect } from './dialect.ts';
import { chatwoot } from './chatwoot/index.ts';
import { snapengage } from './snapengage/index.ts';

/** Every vendor dialect the server speaks. Adding one is one line here. */
export const dialects: readonly Dialect[] = [snapengage, chatwoot];
