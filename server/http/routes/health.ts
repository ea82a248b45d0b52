import type { FastifyInstance } from 'fastify';

export interface HealthOptions {
  ping: () => Promise<void>;
  isShuttingDown: () => boolean;
}

/** Liveness says the process answers; readiness says it can serve (database reachable, not draining). */
export async function healthRoutes(app: FastifyInstance, options: HealthOptions): Promise<void> {
  const status = { 200: { type: 'object', properties: { status: { type: 'string' } } } };
  app.get('/healthz', { schema: { hide: true, response: status }, config: { rateLimit: false } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true, response: { ...status, 503: status[200] } }, config: { rateLimit: false } }, async (_req, reply) => {
    if (options.isShuttingDown()) return reply.code(503).send({ status: 'shutting_down' });
    try {
      await options.ping();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database_unavailable' });
    }
  });
}
