import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, runCli, type RunningCli } from '../../test/cli-process.ts';
import { isolatedDatabaseEnv } from '../../test/isolated-database-env.ts';
import { startReceiver, type TestReceiver } from './receiver.ts';
import { FAST_WEBHOOKS, LOCAL_RECEIVERS } from './webhook-test-kit.ts';

/**
 * `switchboard start` as its own process with a webhook backlog, killed with SIGKILL while it
 * drains it, then started again: every event still arrives, once per delivery id, in order.
 */
const STEPS = 40;
let env: Record<string, string>;
let cleanup: () => Promise<void>;
let receiver: TestReceiver;

beforeAll(async () => {
  const port = await freePort();
  const database = await isolatedDatabaseEnv('hooks-restart');
  env = { PORT: String(port), HOST: '127.0.0.1', ADMIN_PASSWORD: 'restart-test-password', ...FAST_WEBHOOKS, ...LOCAL_RECEIVERS, ...database.env };
  cleanup = database.cleanup;
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
  await cleanup?.();
});

async function start(): Promise<{ process: RunningCli; banner: string }> {
  const process = runCli(['start'], env);
  return { process, banner: await process.waitFor('Widget snippet') };
}

it('loses nothing when the server is killed mid-backlog', { timeout: 120_000 }, async () => {
  const first = await start();
  const apiKey = /API key:\s+(\S+)/.exec(first.banner)![1]!;
  const base = `http://127.0.0.1:${env.PORT}`;
  const post = async (url: string, body: unknown, authorization = `Bearer ${apiKey}`) => {
    const response = await fetch(`${base}${url}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
    return response.json();
  };
  await post('/native/v1/users', { email: 'ann@hooks.test', name: 'Ann', role: 'agent' });
  const { webhook } = (await post('/native/v1/webhooks', { format: 'snapengage.agent-status', url: receiver.url })) as { webhook: { id: string } };
  const deliveredCount = async () => {
    const response = await fetch(`${base}/native/v1/webhooks/${webhook.id}/deliveries`, { headers: { authorization: `Bearer ${apiKey}` } });
    const { deliveries } = (await response.json()) as { deliveries: Array<{ state: string }> };
    return deliveries.filter((delivery) => delivery.state === 'delivered').length;
  };

  // The receiver is down while the events happen: a backlog builds up.
  await receiver.stop();
  for (let step = 0; step < STEPS; step++) await post('/api/v2/agentstatus', { agent_id: 'ann@hooks.test', status: 'pause', sub_status: `step ${step}` }, apiKey);
  // Back: the backlog drains one delivery at a time (one agent, one line). After 8 the receiver stops
  // answering, so the server dies midway however slowly this machine gets to the kill, with the 9th
  // delivery in flight and the first 8 recorded as delivered.
  receiver.respond((_request, index) => ({ delayMs: index < 8 ? 40 : 60_000 }));
  await receiver.start();
  await receiver.waitFor(() => receiver.accepted().length >= 8);
  await expect.poll(deliveredCount, { timeout: 15_000 }).toBe(8);
  await receiver.waitFor(() => receiver.received.length > 8);
  first.process.child.kill('SIGKILL');
  await first.process.exited;
  expect(receiver.accepted().length).toBe(8);
  const inFlightAtCrash = receiver.received[8]!.headers['x-switchboard-delivery'];

  receiver.respond(() => ({ delayMs: 40 }));
  const second = await start();
  await receiver.waitFor(() => new Set(receiver.accepted().map((r) => r.headers['x-switchboard-delivery'])).size === STEPS, 60_000);
  second.process.child.kill('SIGTERM');
  expect(await second.process.exited).toBe(0);

  // First receipt of each delivery id, in arrival order: every step, once, in order.
  const firstReceipts = new Map<string, string>();
  for (const request of receiver.accepted()) {
    const id = String(request.headers['x-switchboard-delivery']);
    if (!firstReceipts.has(id)) firstReceipts.set(id, JSON.parse(request.body).sub_status);
  }
  expect([...firstReceipts.values()]).toEqual([...Array(STEPS).keys()].map((step) => `step ${step}`));
  // Nothing recorded as delivered is sent again; the delivery in flight at the crash is, with the same id.
  expect(receiver.accepted()).toHaveLength(STEPS);
  expect(receiver.accepted().filter((request) => request.headers['x-switchboard-delivery'] === inFlightAtCrash)).toHaveLength(1);
});
