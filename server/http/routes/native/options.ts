import type { Config } from '../../../config/config.ts';
import type { Core } from '../../../core/context.ts';

/** What every native route module is registered with. */
export interface NativeApiOptions {
  core: Core;
  config: Config;
}
