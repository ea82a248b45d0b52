import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyCors from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Config } from '../config/config.ts';
import type { Core } from '../core/context.ts';
import { passwordHashing } from '../core/security/passwords.ts';
import { dialects } from '../dialects/index.ts';
import { realtimeGateway } from '../realtime/index.ts';
import { installValidators } from './plugins/validation.ts';
import { redactQuerySecrets } from './redact.ts';
import { carriesVerifiedCredential } from './verified-credential.ts';
import { consoleApp } from './routes/console/index.ts';
import { healthRoutes } from './routes/health.ts';
import { nativeApi } from './routes/native/index.ts';
import { demoPage } from './routes/pages/demo.ts';
import { visitorWidget } from './routes/widget/index.ts';

export interface AppOptions {
  config: Config;
  core: Core;
  /** Readiness probe of the database. */
  ping: () => Promise<void>;
  /** Pass `false` in tests to keep output quiet. */
  logger?: boolean;
}

/** Builds the HTTP server: cross-cutting plugins first, then the native API, then every dialect. */
export async function buildApp({ config, core, ping, logger = true }: AppOptions): Promise<FastifyInstance> {
  // Process-wide, like the CPU it guards: every app in the process shares one bound on scrypt.
  passwordHashing.configure(config.passwordHashing);
  let shuttingDown = false;
  const app = Fastify({
    logger: logger && {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
      serializers: { req: (request: FastifyRequest) => ({ method: request.method, url: redactQuerySecrets(request.url), remoteAddress: request.ip }) },
    },
    bodyLimit: config.bodyLimitBytes,
    // A client trickling its request (a body at a byte per second) gets 408 and is closed. Node needs
    // the timeout when the server is built too: it derives the headers timeout from it (else 60 s,
    // and a request timeout shorter than that is never enforced). It looks for late requests on a
    // timer (30 s by default); looking at least once per timeout bounds the overrun.
    requestTimeout: config.requestTimeoutMs,
    http: { requestTimeout: config.requestTimeoutMs, connectionsCheckingInterval: Math.min(config.requestTimeoutMs, 5_000) },
    // Honour a caller's id so logs line up across services; otherwise mint one.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.addHook('onClose', async () => void (shuttingDown = true));
  app.addHook('onSend', async (request, reply) => void reply.header('x-request-id', request.id));
  installValidators(app);
  // The default 404 body repeats the URL, which may carry an `api_key`; answer with the path only.
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { code: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}`, requestId: request.id } }),
  );

  await app.register(fastifyCookie);
  await app.register(fastifyCors, { origin: false });
  // Per client IP. Server-to-server integrations (a relay polling the Visitor Chat API for many
  // visitors) and console users get a larger allowance, once their credential has been verified:
  // a header that merely looks like one (`Authorization: x`) earns nothing. A lookup that fails
  // (database down) counts as no credential: the route reports the fault if it needs the database.
  const verified = (request: FastifyRequest) => carriesVerifiedCredential(core, request).catch(() => false);
  await app.register(fastifyRateLimit, {
    max: async (request) => ((await verified(request)) ? config.apiRateLimitPerMinute : config.rateLimitPerMinute),
    timeWindow: 60_000,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Switchboard native API', version: '1' },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
          bearer: { type: 'http', scheme: 'bearer' },
          visitorToken: { type: 'apiKey', in: 'header', name: 'x-visitor-token' },
        },
      },
    },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { ping, isShuttingDown: () => shuttingDown });
  await app.register(nativeApi, { prefix: '/native/v1', core, config });
  await app.register(realtimeGateway, { core, config });
  await app.register(consoleApp);
  await app.register(demoPage, { core, publicUrl: config.publicUrl });
  await app.register(visitorWidget, { core, config });
  for (const dialect of dialects) await app.register(dialect.routes, { core, config });
  return app;
}
