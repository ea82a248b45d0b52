import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { NewEvent } from '../../core/events.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { useTestApp } from '../../test/test-app.ts';
import { createOutboxReader } from '../outbox-reader.ts';

const { t, tenant } = useTestApp({ tenants: 1 });

const event = (): NewEvent => ({ type: 'widget.deleted', organizationId: tenant.organizationId, payload: { widgetId: randomUUID() } });

async function readAll(reader: ReturnType<typeof createOutboxReader>) {
  const page = await reader.next();
  await reader.commit(page, async () => {});
  return page.events.map((e) => e.id);
}

/** Reads until the reader has caught up (a gap left by an earlier test takes a second read to settle). */
async function catchUp(reader: ReturnType<typeof createOutboxReader>) {
  while ((await readAll(reader)).length > 0 || (await readAll(reader)).length > 0);
}

it('steps over the id of a rolled-back transaction once nothing can fill it any more', async () => {
  const reader = createOutboxReader(t.core, `test-${randomUUID()}`, 10_000);
  await catchUp(reader);
  await t.core.db.transaction(async (tx) => {
    await appendEvents(tx, [event()]);
    tx.rollback();
  }).catch(() => {});
  const [after] = await appendEvents(t.core.db, [event()]);
  // The first read sees a gap it cannot judge yet; the next one knows the gap is settled.
  const seen = [...(await readAll(reader)), ...(await readAll(reader))];
  expect(seen).toEqual([after!.id]);
});

// PGlite runs one transaction at a time, so an event can only be "still being written" on PostgreSQL.
it.runIf(process.env.DATABASE_URL)('never moves past an event whose transaction is still open', async () => {
  const reader = createOutboxReader(t.core, `test-${randomUUID()}`, 10_000);
  await catchUp(reader);
  let release = () => {};
  let written = () => {};
  const wasWritten = new Promise<void>((resolve) => (written = resolve));
  let slowId = 0;
  const slow = t.core.db.transaction(async (tx) => {
    slowId = (await appendEvents(tx, [event()]))[0]!.id;
    written();
    await new Promise<void>((resolve) => (release = resolve));
  });
  await wasWritten;
  const [fast] = await appendEvents(t.core.db, [event()]);
  expect(fast!.id).toBeGreaterThan(slowId);

  try {
    expect(await readAll(reader)).toEqual([]);
    expect(await readAll(reader)).toEqual([]);
  } finally {
    release();
    await slow;
  }
  const after = await readAll(reader);
  expect(after).toEqual([slowId, fast!.id]);
});
