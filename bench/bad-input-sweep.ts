/**
 * Bad-input sweep: starts `switchboard start` as its own process (PGlite, or the empty database of
 * DATABASE_URL), lists every HTTP route by registering the route plugins in a throwaway fastify
 * instance, and sends each route malformed requests with valid credentials of the kind it wants.
 * Our rule: bad input gets a 4xx in the API's own error shape, so any 5xx, dropped connection or
 * error line in the server log is a finding. Then replays the attacks of issue 11 (bench/abuse-cases.ts)
 * against a second server with tight limits, each case expected to be refused. Prints a summary
 * table of each; exits 1 on findings.
 *
 *   npx tsx bench/bad-input-sweep.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/sweep_x npx tsx bench/bad-input-sweep.ts
 *
 * SWEEP_VERBOSE=1 prints every WebSocket session's answers; SWEEP_LOG=file keeps the server's output.
 */
import { writeFile } from 'node:fs/promises';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type RouteOptions } from 'fastify';
import { loadConfig } from '../server/config/config.ts';
import type { Core } from '../server/core/context.ts';
import { dialects } from '../server/dialects/index.ts';
import { CSRF_HEADER } from '../server/http/plugins/native-auth.ts';
import { nativeApi } from '../server/http/routes/native/index.ts';
import { visitorWidget } from '../server/http/routes/widget/index.ts';
import { emptySiblingDatabase, startBenchServer, type BenchServer } from './bench-server.ts';
import { ABUSE_SERVER_ENV, runAbuseCases, type AbuseRow } from './abuse-cases.ts';
import { startVisitorChat, sweepRealtime } from './bad-input-realtime.ts';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  minLength?: number;
  items?: JsonSchema;
  default?: unknown;
};

interface RouteSpec {
  method: string;
  url: string;
  access: string | undefined;
  body?: JsonSchema;
  querystring?: JsonSchema;
}

interface Probe {
  route: RouteSpec;
  label: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

interface Outcome {
  probe: Probe;
  status: number | 'dropped';
  answer: string;
}

interface Fixtures {
  base: string;
  apiKey: string;
  victimKeyId: string;
  cookie: string;
  visitorToken: string;
  ids: Record<string, string>;
}

const ADMIN_PASSWORD = 'sweep-password-123';
const LONG_TEXT = 'x'.repeat(100_000);
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

/** Wrong JSON values for any field: types, sizes, number edges, NUL and broken unicode. */
const WRONG_VALUES: Array<[string, unknown]> = [
  ['number', 12345],
  ['boolean', true],
  ['object', { a: 1 }],
  ['array', [1, { a: 2 }]],
  ['null', null],
  ['100KB string', LONG_TEXT],
  ['NUL string', 'a\u0000b'],
  ['NUL property name', { 'a\u0000': 1 }],
  ['lone surrogate', 'a\uD800b'],
  ['negative', -1],
  ['huge', 1e308],
  ['past bigint', 2 ** 64],
  ['fraction', 1.5],
  ['NaN text', 'NaN'],
  ['empty string', ''],
  ['unknown uuid', UNKNOWN_UUID],
];

/** Wrong values as they arrive in a query string or form field (already URL-encoded). */
const WRONG_QUERY_VALUES: Array<[string, string]> = [
  ['empty', ''],
  ['text', 'abc'],
  ['negative', '-1'],
  ['huge', '99999999999999999999999'],
  ['exponent', '1e400'],
  ['fraction', '1.5'],
  ['NaN', 'NaN'],
  ['NUL', 'a%00b'],
  ['emoji', '%F0%9F%98%80'],
  ['broken escape', '%E0%A4%A'],
  ['10KB', 'y'.repeat(10_000)],
];

/** Bad path segments (already URL-encoded). */
const WRONG_PATH_VALUES: Array<[string, string]> = [
  ['not a uuid', 'not-a-uuid'],
  ['unknown uuid', UNKNOWN_UUID],
  ['negative', '-1'],
  ['huge', '99999999999999999999999'],
  ['fraction', '1.5'],
  ['NUL', 'a%00b'],
  ['emoji', '%F0%9F%98%80'],
  ['broken escape', '%E0%A4%A'],
  ['5KB', 'z'.repeat(5_000)],
  ['uppercase uuid', UNKNOWN_UUID.toUpperCase()],
];

/** Registers the route plugins in a throwaway instance and records what fastify sees; nothing is served. */
async function collectRoutes(): Promise<RouteSpec[]> {
  const routes: RouteSpec[] = [];
  const app = Fastify();
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = (route.schema ?? {}) as { body?: JsonSchema; querystring?: JsonSchema };
    const access = (route.config as { access?: string } | undefined)?.access;
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      routes.push({ method, url: route.url, access, body: schema.body, querystring: schema.querystring });
    }
  });
  const core = inertCore();
  const config = loadConfig({});
  // Routes build their own limiters (sign-in) with the plugin's decorator; nothing is counted here.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(nativeApi, { prefix: '/native/v1', core, config });
  await app.register(visitorWidget, { core, config });
  for (const dialect of dialects) await app.register(dialect.routes, { core, config });
  await app.close();
  return routes;
}

/**
 * Registration only wires hooks and subscriptions, so a core whose every member is a no-op suffices.
 * It has no `then`, or `await` would take it for a promise that never settles.
 */
function inertCore(): Core {
  const inert: object = new Proxy(function () {}, { get: (_target, name) => (name === 'then' ? undefined : inert), apply: () => inert });
  return inert as Core;
}

/** A value the schema accepts, so one wrong field at a time gets past the others. */
function sampleOf(schema: JsonSchema | undefined, fixtures: Fixtures): unknown {
  if (!schema) return 'sweep';
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sampleOf(schema.anyOf.find((option) => option.type !== 'null') ?? schema.anyOf[0], fixtures);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries((schema.required ?? []).map((name) => [name, sampleOf(schema.properties?.[name], fixtures)]));
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return sampleString(schema, fixtures);
  }
}

function sampleString(schema: JsonSchema, fixtures: Fixtures): string {
  if (schema.format === 'email') return 'sweep@example.com';
  if (schema.format === 'uri') return 'https://example.com/sweep';
  if (schema.format === 'uuid') return fixtures.ids.widget!;
  return 'sweep'.padEnd(schema.minLength ?? 0, 'x');
}

/** Fills `:param` segments with the fixture the path names (`/widgets/:id` → the widget). */
function validPath(url: string, fixtures: Fixtures): string {
  return url.replace(/\/([^/]+)\/:(\w+)/g, (_match, resource: string, param: string) => {
    const id = fixtures.ids[param === 'id' ? resource : param] ?? fixtures.ids[param.replace(/Id$/, '')] ?? UNKNOWN_UUID;
    return `/${resource}/${id}`;
  }).replace(/\*$/, 'sweep');
}

function credentialsFor(route: RouteSpec, fixtures: Fixtures): Record<string, string> {
  if (route.url.startsWith('/native/v1/public/')) return { 'x-visitor-token': fixtures.visitorToken };
  // The cookie alone may only read: a request that changes data must also show it came from our pages (CSRF).
  if (route.url.startsWith('/native/v1/')) return { cookie: fixtures.cookie, [CSRF_HEADER]: 'sweep' };
  // SnapEngage routes each read one of these; the others are ignored.
  return { authorization: fixtures.apiKey, 'x-api-key': fixtures.apiKey };
}

function withApiKeyQuery(route: RouteSpec, path: string, fixtures: Fixtures): string {
  if (route.url.startsWith('/native/') || route.url.startsWith('/js/')) return path;
  return `${path}${path.includes('?') ? '&' : '?'}api_key=${fixtures.apiKey}`;
}

function pathProbes(route: RouteSpec, fixtures: Fixtures, body: string | undefined): Probe[] {
  const params = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  return params.flatMap((param) =>
    WRONG_PATH_VALUES.map(([label, value]) => ({
      route,
      label: `path ${param}: ${label}`,
      path: validPath(route.url.replace(`:${param}`, value), fixtures),
      ...jsonBody(body),
    })),
  );
}

function jsonBody(body: string | undefined): Pick<Probe, 'headers' | 'body'> {
  return body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body };
}

function queryProbes(route: RouteSpec, fixtures: Fixtures, path: string): Probe[] {
  const names = Object.keys(route.querystring?.properties ?? {}).filter((name) => name !== 'api_key');
  const valid = sampleOf(route.querystring, fixtures) as Record<string, unknown>;
  const validQuery = Object.entries(valid).filter(([name]) => name !== 'api_key').map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
  const probes: Probe[] = [];
  for (const name of names) {
    const others = validQuery.filter((pair) => !pair.startsWith(`${name}=`));
    const variants: Array<[string, string]> = [
      ...WRONG_QUERY_VALUES.map(([label, value]): [string, string] => [label, `${name}=${value}`]),
      ['repeated', `${name}=1&${name}=2`],
      ['array syntax', `${name}[]=1&${name}[]=2`],
      ['object syntax', `${name}[a]=1`],
    ];
    for (const [label, pair] of variants) probes.push({ route, label: `query ${name}: ${label}`, path: `${path}?${[...others, pair].join('&')}` });
  }
  return probes;
}

/** A JSON body from the body schema, or from the query schema on routes that merge form fields into it. */
function bodySchemaOf(route: RouteSpec): JsonSchema | undefined {
  if (route.body) return route.body;
  if (['POST', 'PUT', 'PATCH'].includes(route.method) && route.querystring) return route.querystring;
  return undefined;
}

function bodyProbes(route: RouteSpec, fixtures: Fixtures, path: string): Probe[] {
  const schema = bodySchemaOf(route);
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) return [];
  const valid = (schema ? sampleOf(schema, fixtures) : {}) as Record<string, unknown>;
  const json = { 'content-type': 'application/json' };
  const probes: Probe[] = [
    { route, label: 'no body', path },
    { route, label: 'empty JSON body', path, headers: json, body: '' },
    { route, label: 'malformed JSON', path, headers: json, body: '{"a":' },
    { route, label: 'JSON null', path, headers: json, body: 'null' },
    { route, label: 'JSON array', path, headers: json, body: '[1,2]' },
    { route, label: 'JSON string', path, headers: json, body: '"text"' },
    { route, label: 'JSON number', path, headers: json, body: '42' },
    { route, label: 'deep JSON', path, headers: json, body: '['.repeat(5_000) + ']'.repeat(5_000) },
    { route, label: 'text/plain', path, headers: { 'content-type': 'text/plain' }, body: 'hello' },
    { route, label: 'form', path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1&a=2&b[c]=3' },
    { route, label: 'multipart', path, headers: { 'content-type': 'multipart/form-data; boundary=X' }, body: '--X\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--X--\r\n' },
    { route, label: 'content-type without body', path, headers: { 'content-type': 'application/json; charset=latin1' }, body: '{}' },
    { route, label: '__proto__', path, headers: json, body: '{"__proto__":{"x":1},"constructor":{"prototype":{}}}' },
  ];
  for (const name of Object.keys(schema?.properties ?? {})) {
    if (name === 'api_key') continue;
    for (const [label, value] of WRONG_VALUES) {
      probes.push({ route, label: `body ${name}: ${label}`, path, headers: json, body: JSON.stringify({ ...valid, [name]: value }) });
    }
    probes.push(...nestedProbes(route, path, valid, name, schema!.properties![name]!));
  }
  return probes;
}

/** One level down: wrong values inside an object field, and wrong items inside an array field. */
function nestedProbes(route: RouteSpec, path: string, valid: Record<string, unknown>, name: string, field: JsonSchema): Probe[] {
  const json = { 'content-type': 'application/json' };
  const inner = field.anyOf?.find((option) => option.type === 'object' || option.type === 'array') ?? field;
  if (inner.type === 'array') {
    return WRONG_VALUES.map(([label, value]) => ({ route, label: `body ${name}[]: ${label}`, path, headers: json, body: JSON.stringify({ ...valid, [name]: [value] }) }));
  }
  return Object.keys(inner.properties ?? {}).flatMap((key) =>
    WRONG_VALUES.map(([label, value]) => ({ route, label: `body ${name}.${key}: ${label}`, path, headers: json, body: JSON.stringify({ ...valid, [name]: { [key]: value } }) })),
  );
}

function probesFor(route: RouteSpec, fixtures: Fixtures): Probe[] {
  const path = validPath(route.url, fixtures);
  const validBody = bodySchemaOf(route) && route.body ? JSON.stringify(sampleOf(route.body, fixtures)) : undefined;
  const probes = [...pathProbes(route, fixtures, validBody), ...queryProbes(route, fixtures, path), ...bodyProbes(route, fixtures, path)];
  const credentials = credentialsFor(route, fixtures);
  return probes.map((probe) => ({ ...probe, path: withApiKeyQuery(route, probe.path, fixtures), headers: { ...credentials, ...probe.headers } }));
}

/** Requests that end sessions or remove the fixtures go last, so the others (and the agent socket) still reach their handlers. */
function isDestructive(route: RouteSpec): boolean {
  return route.method === 'DELETE' || route.url.endsWith('/logout');
}

async function send(base: string, probe: Probe): Promise<Outcome> {
  try {
    const response = await fetch(base + probe.path, {
      method: probe.route.method,
      headers: probe.headers,
      ...(probe.body !== undefined && { body: probe.body }),
      signal: AbortSignal.timeout(20_000),
    });
    return { probe, status: response.status, answer: (await response.text()).slice(0, 300) };
  } catch (error) {
    return { probe, status: 'dropped', answer: String(error) };
  }
}

async function call(base: string, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  const response = await fetch(base + path, {
    method,
    headers: { ...headers, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (response.status >= 400) throw new Error(`fixture ${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}

async function createFixtures(server: BenchServer): Promise<Fixtures> {
  const base = `http://127.0.0.1:${server.port}`;
  const login = await call(base, 'POST', '/native/v1/auth/login', {}, { email: 'admin@example.com', password: ADMIN_PASSWORD });
  const cookie = login.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
  const session = { cookie, [CSRF_HEADER]: 'sweep' };
  const json = async (response: Response) => (await response.json()) as Record<string, { id: string }>;
  const user = await json(await call(base, 'POST', '/native/v1/users', session, { email: 'agent@example.com', name: 'Agent', role: 'agent', password: ADMIN_PASSWORD }));
  const bot = await json(await call(base, 'POST', '/native/v1/bots', session, { name: 'Bot', endpointUrl: 'https://example.com/bot' }));
  const webhook = await json(await call(base, 'POST', '/native/v1/webhooks', session, { format: 'native', url: 'https://example.com/hook' }));
  const victimKey = await json(await call(base, 'POST', '/native/v1/api-keys', session, { name: 'victim', scopes: ['admin'] }));
  const chat = await startVisitorChat(base, server.widgetId);
  return {
    base,
    apiKey: server.apiKey,
    victimKeyId: victimKey.apiKey!.id,
    cookie,
    visitorToken: chat.visitorToken,
    ids: {
      widgets: server.widgetId,
      widget: server.widgetId,
      users: user.user!.id,
      bots: bot.bot!.id,
      webhooks: webhook.webhook!.id,
      'api-keys': victimKey.apiKey!.id,
      conversations: chat.conversationId,
      contacts: chat.contactId,
      case: chat.conversationId,
      chat: server.widgetId,
      availability: server.widgetId,
      caseId: chat.conversationId,
    },
  };
}

/** Lines the server logged at error level or above, and crash traces. */
function serverErrors(log: string): string[] {
  return log.split('\n').filter((line) => /"level":(50|60)|Uncaught|unhandled|FATAL|TypeError|RangeError/i.test(line));
}

function printTable(outcomes: Outcome[]): void {
  const byRoute = new Map<string, { sent: number; fourxx: number; twoxx: number; bad: number }>();
  for (const { probe, status } of outcomes) {
    const key = `${probe.route.method} ${probe.route.url}`;
    const row = byRoute.get(key) ?? { sent: 0, fourxx: 0, twoxx: 0, bad: 0 };
    row.sent += 1;
    if (status === 'dropped' || status >= 500) row.bad += 1;
    else if (status >= 400) row.fourxx += 1;
    else row.twoxx += 1;
    byRoute.set(key, row);
  }
  console.log(`\n${'route'.padEnd(62)} ${'sent'.padStart(5)} ${'2xx/3xx'.padStart(8)} ${'4xx'.padStart(5)} ${'5xx'.padStart(5)}`);
  for (const [route, row] of [...byRoute].sort()) {
    console.log(`${route.padEnd(62)} ${String(row.sent).padStart(5)} ${String(row.twoxx).padStart(8)} ${String(row.fourxx).padStart(5)} ${String(row.bad).padStart(5)}`);
  }
}

function printFindings(outcomes: Outcome[]): Outcome[] {
  const failures = outcomes.filter(({ status }) => status === 'dropped' || status >= 500);
  const seen = new Set<string>();
  for (const { probe, status, answer } of failures) {
    const key = `${probe.route.method} ${probe.route.url} ${probe.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    console.log(`5xx  ${status}  ${key}\n       ${answer.slice(0, 200)}`);
  }
  return failures;
}

/** The routes' probes one after the other: two cores are shared, and order keeps the log readable. */
async function sweepHttp(routes: RouteSpec[], fixtures: Fixtures): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const route of routes) {
    for (const probe of probesFor(route, fixtures)) outcomes.push(await send(fixtures.base, probe));
  }
  return outcomes;
}

/** The sweep proper: every route's malformed requests and the bad frames. Returns whether it found anything. */
async function sweepRoutes(routes: RouteSpec[]): Promise<boolean> {
  // Sign-in probes (malformed e-mails all count against one e-mail) must reach validation, not the guessing limit.
  const server = await startBenchServer({ ADMIN_PASSWORD, LOG_LEVEL: 'warn', LOGIN_ATTEMPTS_PER_MINUTE: '1000000' });
  try {
    const fixtures = await createFixtures(server);
    const outcomes = await sweepHttp(routes.filter((route) => !isDestructive(route)), fixtures);
    // Before the destructive requests: logging out would end the agent socket's session.
    const sockets = await sweepRealtime(fixtures.base, { widgetId: server.widgetId, visitorToken: fixtures.visitorToken, conversationId: fixtures.ids.conversations!, cookie: fixtures.cookie });
    outcomes.push(...(await sweepHttp(routes.filter(isDestructive), fixtures)));
    const alive = await fetch(`${fixtures.base}/healthz`).then((response) => response.ok, () => false);
    printTable(outcomes);
    console.log(`\n${routes.length} routes, ${outcomes.length} HTTP requests, ${sockets.length} WebSocket sessions on ${DATABASE_KIND}`);
    if (process.env.SWEEP_VERBOSE) for (const socket of sockets) console.log(`${socket.label}\n    ${socket.answer}`);
    const failures = printFindings(outcomes);
    const errors = serverErrors(server.process.output());
    if (process.env.SWEEP_LOG) await writeFile(process.env.SWEEP_LOG, server.process.output());
    printErrorLines(errors);
    console.log(`\n5xx or dropped: ${failures.length}; server error log lines: ${errors.length}; server alive after WebSocket frames: ${alive}`);
    return failures.length > 0 || errors.length > 0 || !alive;
  } finally {
    await server.stop();
  }
}

const DATABASE_KIND = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

function printErrorLines(errors: string[]): void {
  for (const line of errors.slice(0, 30)) console.log(`log  ${line.slice(0, 400)}`);
}

function printAbuseTable(rows: AbuseRow[]): void {
  const header: AbuseRow = { name: 'abuse case', expected: 'expected', observed: 'observed', ok: true };
  const width = (column: 'name' | 'expected' | 'observed') => Math.max(...[header, ...rows].map((row) => row[column].length));
  const line = (row: AbuseRow, result: string) => `${row.name.padEnd(width('name'))}  ${row.expected.padEnd(width('expected'))}  ${row.observed.padEnd(width('observed'))}  ${result}`;
  console.log(`\n${line(header, 'result')}`);
  for (const row of rows) console.log(line(row, row.ok ? 'ok' : 'FAIL'));
}

/** The attacks issue 11 fixed, replayed against a second server with tight limits. Returns whether any got through. */
async function sweepAbuse(): Promise<boolean> {
  // The sweep's server has filled DATABASE_URL's database, and a bench server starts only on an empty one.
  const database = await emptySiblingDatabase();
  try {
    const server = await startBenchServer({ ...ABUSE_SERVER_ENV, ADMIN_PASSWORD, ...database.env });
    try {
      const rows = await runAbuseCases(server, ADMIN_PASSWORD);
      printAbuseTable(rows);
      const errors = serverErrors(server.process.output());
      printErrorLines(errors);
      const failed = rows.filter((row) => !row.ok).length;
      console.log(`\n${rows.length} abuse cases on ${DATABASE_KIND}: ${failed} failed; server error log lines: ${errors.length}`);
      return failed > 0 || errors.length > 0;
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

async function main(): Promise<void> {
  const routes = await collectRoutes();
  // One after the other: the abuse cases' timings should not share two cores with the sweep.
  const sweepFound = await sweepRoutes(routes);
  const abuseFound = await sweepAbuse();
  process.exit(sweepFound || abuseFound ? 1 : 0);
}

await main();
