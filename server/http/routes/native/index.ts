import type { FastifyPluginAsync } from 'fastify';
import type { DialectOptions } from '../../../dialects/dialect.ts';

/** The native API used by our widget and console; documented at /openapi.json. */
export const nativeApi: FastifyPluginAsync<DialectOptions> = async () => {};
