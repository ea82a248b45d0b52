import { beforeAll, describe, expect, it } from 'vitest';
import { type ChatwootAccount, ISO_MS, NOT_ALLOWED, NOT_FOUND, useChatwootAccounts } from './b-account-kit.ts';

const { accounts, call, otherCall } = useChatwootAccounts();
let account: ChatwootAccount;
let otherAccount: ChatwootAccount;
beforeAll(() => ({ account, other: otherAccount } = accounts));


/** A 422 in Chatwoot's record-invalid shape, naming the field. */
function expectInvalid(response: { status: number; body: unknown }, field: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(422);
  expect(response.body).toEqual({ message: expect.stringContaining(field), attributes: [field] });
}

/**
 * An id the other account has and ours does not (public ids count per account, so a low one
 * may exist in both): the other account creates records until one is beyond our highest.
 */
async function idOnlyInOtherAccount(ours: number[], create: () => Promise<number>): Promise<number> {
  const highest = Math.max(0, ...ours);
  for (;;) {
    const id = await create();
    if (id > highest) return id;
  }
}

let labelCounter = 0;
const newTitle = (stem = 'topic') => `${stem}-${++labelCounter}`;

describe('account labels', () => {
  it('an administrator creates one (flat JSON): the label, its title lower-cased, the defaults filled in', async () => {
    const title = newTitle('Billing');
    const { status, body } = await call('POST', '/labels', { body: { title } });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['id', 'title', 'description', 'color', 'show_on_sidebar']);
    expect(body).toEqual({ id: expect.any(Number), title: title.toLowerCase(), description: null, color: '#1f93ff', show_on_sidebar: false });
    expect(Number.isInteger(body.id)).toBe(true);
  });

  it('takes the fields wrapped in `label`, and urlencoded with string values', async () => {
    const wrapped = await call('POST', '/labels', { body: { label: { title: newTitle(), description: 'Orders and refunds', color: '#FF0000', show_on_sidebar: true } } });
    expect(wrapped.status).toBe(200);
    expect(wrapped.body).toMatchObject({ description: 'Orders and refunds', color: '#FF0000', show_on_sidebar: true });
    const title = newTitle();
    const form = await call('POST', '/labels', { raw: { payload: `label[title]=${title}&label[show_on_sidebar]=true&label[color]=%2300aa00`, contentType: 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ title, color: '#00aa00', show_on_sidebar: true });
  });

  it('lists them alphabetically in `payload`, to agents too; one label by id', async () => {
    const stem = `zz${Date.now()}`;
    const b = await call('POST', '/labels', { body: { title: `${stem}-b` } });
    const a = await call('POST', '/labels', { body: { title: `${stem}-a` } });
    const listed = await call('GET', '/labels', { token: account.agentToken });
    expect(listed.status).toBe(200);
    expect(Object.keys(listed.body)).toEqual(['payload']);
    const titles = (listed.body.payload as Array<{ title: string }>).map((label) => label.title);
    expect(titles).toEqual([...titles].sort());
    expect(titles.indexOf(`${stem}-a`)).toBe(titles.indexOf(`${stem}-b`) - 1);
    expect(listed.body.payload).toContainEqual(b.body);
    expect(await call('GET', `/labels/${a.body.id}`, { token: account.agentToken })).toEqual({ status: 200, body: a.body });
  });

  it('refuses what does not validate with 422 naming the field', async () => {
    expectInvalid(await call('POST', '/labels', { body: { description: 'no title' } }), 'title');
    expectInvalid(await call('POST', '/labels', { body: { title: '   ' } }), 'title');
    expectInvalid(await call('POST', '/labels', { body: { title: 'two words' } }), 'title');
    expectInvalid(await call('POST', '/labels', { body: { title: 'a'.repeat(256) } }), 'title');
    expectInvalid(await call('POST', '/labels', { body: { title: newTitle(), color: 'red' } }), 'color');
    expectInvalid(await call('POST', '/labels', { body: { title: newTitle(), color: '#12345' } }), 'color');
    expectInvalid(await call('POST', '/labels', { body: { title: newTitle(), show_on_sidebar: 'maybe' } }), 'show_on_sidebar');
    expectInvalid(await call('POST', '/labels', { body: { title: { nested: true } } }), 'title');
  });

  it('keeps titles unique in the account whatever their case; another account may use the same title', async () => {
    const title = newTitle('vip');
    expect((await call('POST', '/labels', { body: { title } })).status).toBe(200);
    const again = await call('POST', '/labels', { body: { title: title.toUpperCase() } });
    expectInvalid(again, 'title');
    expect(again.body.message).toBe('title has already been taken');
    expect((await otherCall('POST', '/labels', { body: { title } })).status).toBe(200);
  });

  it('five creations of one title at once: one label, the others 422, never a 500', async () => {
    const title = newTitle('race');
    const answers = await Promise.all(Array.from({ length: 5 }, () => call('POST', '/labels', { body: { title } })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422, 422, 422, 422]);
    const listed = (await call('GET', '/labels')).body.payload as Array<{ title: string }>;
    expect(listed.filter((label) => label.title === title)).toHaveLength(1);
  });

  it('updates with PATCH and PUT (only the fields sent), refusing a taken title', async () => {
    const { body: label } = await call('POST', '/labels', { body: { title: newTitle(), description: 'first' } });
    const patched = await call('PATCH', `/labels/${label.id}`, { body: { color: '#abcdef', show_on_sidebar: 'true' } });
    expect(patched).toEqual({ status: 200, body: { ...label, color: '#abcdef', show_on_sidebar: true } });
    const renamed = newTitle('Renamed');
    const put = await call('PUT', `/labels/${label.id}`, { body: { label: { title: renamed, description: null } } });
    expect(put).toEqual({ status: 200, body: { ...patched.body, title: renamed.toLowerCase(), description: null } });
    // Its own title again is no conflict; another label's is.
    expect((await call('PATCH', `/labels/${label.id}`, { body: { title: renamed } })).status).toBe(200);
    const { body: second } = await call('POST', '/labels', { body: { title: newTitle() } });
    expectInvalid(await call('PATCH', `/labels/${second.id}`, { body: { title: renamed } }), 'title');
    expectInvalid(await call('PATCH', `/labels/${second.id}`, { body: { color: 'blue' } }), 'color');
  });

  it('deletes with an empty 200; the label is gone', async () => {
    const { body: label } = await call('POST', '/labels', { body: { title: newTitle() } });
    const deleted = await call('DELETE', `/labels/${label.id}`);
    expect(deleted).toEqual({ status: 200, body: undefined });
    expect(await call('GET', `/labels/${label.id}`)).toEqual(NOT_FOUND);
    expect(await call('DELETE', `/labels/${label.id}`)).toEqual(NOT_FOUND);
    expect(((await call('GET', '/labels')).body.payload as Array<{ id: number }>).some((l) => l.id === label.id)).toBe(false);
  });

  it('lets agents read and not change: 401 in Chatwoot words, nothing changed', async () => {
    const { body: label } = await call('POST', '/labels', { body: { title: newTitle() } });
    expect(await call('POST', '/labels', { token: account.agentToken, body: { title: newTitle() } })).toEqual(NOT_ALLOWED);
    expect(await call('PATCH', `/labels/${label.id}`, { token: account.agentToken, body: { color: '#000000' } })).toEqual(NOT_ALLOWED);
    expect(await call('DELETE', `/labels/${label.id}`, { token: account.agentToken })).toEqual(NOT_ALLOWED);
    expect(await call('GET', `/labels/${label.id}`, { token: account.agentToken })).toEqual({ status: 200, body: label });
  });

  it("answers 404 for unknown ids and another account's labels", async () => {
    const ours = ((await call('GET', '/labels')).body.payload as Array<{ id: number }>).map((label) => label.id);
    const foreign = await idOnlyInOtherAccount(ours, async () => (await otherCall('POST', '/labels', { body: { title: newTitle('foreign') } })).body.id);
    for (const id of [foreign, 999999, 'abc', 0, 99999999999]) {
      expect(await call('GET', `/labels/${id}`), String(id)).toEqual(NOT_FOUND);
      expect(await call('PATCH', `/labels/${id}`, { body: { color: '#000000' } }), String(id)).toEqual(NOT_FOUND);
      expect(await call('DELETE', `/labels/${id}`), String(id)).toEqual(NOT_FOUND);
    }
    expect((await otherCall('GET', `/labels/${foreign}`)).status).toBe(200);
  });

  it('needs a token of a member of the account: none, a wrong one or another account is 401', async () => {
    expect(await call('GET', '/labels', { token: null })).toEqual({ status: 401, body: { error: 'Invalid Access Token' } });
    expect(await call('POST', '/labels', { token: 'sbt_wrong', body: { title: newTitle() } })).toEqual({ status: 401, body: { error: 'Invalid Access Token' } });
    expect((await call('GET', '/labels', { accountId: otherAccount.accountId })).status).toBe(401);
  });
});

let codeCounter = 0;
const newCode = (stem = 'greet') => `${stem}${++codeCounter}`;

describe('canned responses', () => {
  it('creates one: the raw row, ISO times, as Chatwoot renders it', async () => {
    const shortCode = newCode();
    const { status, body } = await call('POST', '/canned_responses', { body: { short_code: shortCode, content: 'Hello {{contact.name}}, how can I help?' } });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['id', 'account_id', 'short_code', 'content', 'created_at', 'updated_at']);
    expect(body).toEqual({
      id: expect.any(Number),
      account_id: account.accountId,
      short_code: shortCode,
      content: 'Hello {{contact.name}}, how can I help?',
      created_at: expect.stringMatching(ISO_MS),
      updated_at: expect.stringMatching(ISO_MS),
    });
    expect(Number.isInteger(body.id)).toBe(true);
    expect(Math.abs(Date.parse(body.created_at) - Date.now())).toBeLessThan(120_000);
  });

  it('takes `canned_response`-wrapped and urlencoded bodies', async () => {
    const wrapped = await call('POST', '/canned_responses', { body: { canned_response: { short_code: newCode(), content: 'Wrapped' } } });
    expect(wrapped.status).toBe(200);
    expect(wrapped.body.content).toBe('Wrapped');
    const code = newCode();
    const form = await call('POST', '/canned_responses', { raw: { payload: `canned_response[short_code]=${code}&canned_response[content]=Form+body`, contentType: 'application/x-www-form-urlencoded' } });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ short_code: code, content: 'Form body' });
  });

  it('lists a bare array in creation order; `search` matches short code or content, any case, short codes first', async () => {
    const stem = `ref${Date.now()}`;
    const inContent = await call('POST', '/canned_responses', { body: { short_code: newCode('money'), content: `Your ${stem.toUpperCase()} is on its way` } });
    const inside = await call('POST', '/canned_responses', { body: { short_code: `x-${stem}`, content: 'Contains it in the code' } });
    const prefix = await call('POST', '/canned_responses', { body: { short_code: `${stem}-undo`, content: 'Starts with it' } });
    const all = await call('GET', '/canned_responses', { token: account.agentToken });
    expect(all.status).toBe(200);
    const ids = (all.body as Array<{ id: number }>).map((response) => response.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const found = await call('GET', `/canned_responses?search=${stem.toUpperCase()}`);
    expect(found).toEqual({ status: 200, body: [prefix.body, inside.body, inContent.body] });
    expect((await call('GET', '/canned_responses?search=%25')).body).toEqual([]);
  });

  it('refuses what does not validate with 422 naming the field', async () => {
    expectInvalid(await call('POST', '/canned_responses', { body: { content: 'no code' } }), 'short_code');
    expectInvalid(await call('POST', '/canned_responses', { body: { short_code: '  ', content: 'blank code' } }), 'short_code');
    expectInvalid(await call('POST', '/canned_responses', { body: { short_code: newCode() } }), 'content');
    expectInvalid(await call('POST', '/canned_responses', { body: { short_code: newCode(), content: ' \n ' } }), 'content');
    expectInvalid(await call('POST', '/canned_responses', { body: { short_code: 12, content: 'number' } }), 'short_code');
    const code = newCode();
    expect((await call('POST', '/canned_responses', { body: { short_code: code, content: 'first' } })).status).toBe(200);
    const taken = await call('POST', '/canned_responses', { body: { short_code: code, content: 'second' } });
    expectInvalid(taken, 'short_code');
    expect(taken.body.message).toBe('short_code has already been taken');
    // Another account has its own short codes.
    expect((await otherCall('POST', '/canned_responses', { body: { short_code: code, content: 'theirs' } })).status).toBe(200);
  });

  it('updates with PATCH and PUT and deletes, for agents as for administrators (Chatwoot checks no role here)', async () => {
    const { body: created } = await call('POST', '/canned_responses', { token: account.agentToken, body: { short_code: newCode(), content: 'v1' } });
    const patched = await call('PATCH', `/canned_responses/${created.id}`, { token: account.agentToken, body: { content: 'v2' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ ...created, content: 'v2', updated_at: expect.stringMatching(ISO_MS) });
    const code = newCode();
    const put = await call('PUT', `/canned_responses/${created.id}`, { body: { canned_response: { short_code: code } } });
    expect(put.body).toMatchObject({ id: created.id, short_code: code, content: 'v2' });
    const { body: another } = await call('POST', '/canned_responses', { body: { short_code: newCode(), content: 'another' } });
    expectInvalid(await call('PATCH', `/canned_responses/${another.id}`, { body: { short_code: code } }), 'short_code');
    expect(await call('DELETE', `/canned_responses/${created.id}`, { token: account.agentToken })).toEqual({ status: 200, body: undefined });
    expect(((await call('GET', '/canned_responses')).body as Array<{ id: number }>).some((r) => r.id === created.id)).toBe(false);
    expect(await call('PATCH', `/canned_responses/${created.id}`, { body: { content: 'gone' } })).toEqual(NOT_FOUND);
  });

  it("answers 404 for unknown ids and another account's responses", async () => {
    const ours = ((await call('GET', '/canned_responses')).body as Array<{ id: number }>).map((r) => r.id);
    const foreign = await idOnlyInOtherAccount(ours, async () => (await otherCall('POST', '/canned_responses', { body: { short_code: newCode('foreign'), content: 'x' } })).body.id);
    for (const id of [foreign, 999999, 'abc']) {
      expect(await call('PATCH', `/canned_responses/${id}`, { body: { content: 'mine now' } }), String(id)).toEqual(NOT_FOUND);
      expect(await call('DELETE', `/canned_responses/${id}`), String(id)).toEqual(NOT_FOUND);
    }
    expect(((await call('GET', '/canned_responses')).body as Array<{ id: number }>).some((r) => r.id === foreign)).toBe(ours.includes(foreign));
  });

  it('needs a token of a member of the account', async () => {
    expect(await call('GET', '/canned_responses', { token: null })).toEqual({ status: 401, body: { error: 'Invalid Access Token' } });
    expect((await call('POST', '/canned_responses', { token: 'sbt_wrong', body: { short_code: newCode(), content: 'x' } })).status).toBe(401);
    expect((await call('GET', '/canned_responses', { accountId: otherAccount.accountId })).status).toBe(401);
  });
});
