import { describe, expect, it } from 'vitest';
import { findUserByAccessTokenHash } from '../../db/repositories/access-tokens.ts';
import { sha256 } from '../security/tokens.ts';
import { createOrganization } from '../commands/create-organization.ts';
import { createWidget } from '../commands/create-widget.ts';
import { closeConversation } from '../commands/close-conversation.ts';
import { deleteWidget } from '../commands/delete-widget.ts';
import { reopenConversation } from '../commands/reopen-conversation.ts';
import { startConversation } from '../commands/start-conversation.ts';
import { issueAccessToken } from '../commands/issue-access-token.ts';
import { updateOrganization } from '../commands/update-organization.ts';
import { updateUser } from '../commands/update-user.ts';
import { updateWidget } from '../commands/update-widget.ts';
import { findExternalReference, listExternalReferences, rememberExternalReference } from '../external-references.ts';
import { authenticateAccessToken } from '../queries/authenticate-access-token.ts';
import { getWebhooks } from '../queries/webhooks.ts';
import { getWidget } from '../queries/widgets.ts';
import { DomainError } from '../errors.ts';
import { createAgent, storedEvents } from '../../test/factories.ts';
import { useTestApp } from '../../test/test-app.ts';

const { t, tenant, other } = useTestApp({ tenants: 2 });

const ALLOW_PRIVATE = { allowPrivateTargets: true };
const apiChannel = (callbackUrl: string | null = 'https://backend.example.com/chatwoot') => ({
  type: 'api' as const,
  callbackFormat: 'chatwoot',
  callbackUrl,
});

describe('public ids', () => {
  it('count per organization, from 1, for widgets, users and contacts alike', async () => {
    const { organizationId } = await createOrganization(t.core, { name: 'Fresh', admin: { email: `fresh-${Date.now()}@ids.test`, password: 'correct horse battery' } });
    const first = await createWidget(t.core, organizationId, { name: 'One' });
    const second = await createWidget(t.core, organizationId, { name: 'Two' });
    const elsewhere = await createWidget(t.core, other.organizationId, { name: 'Elsewhere' });
    expect(second.publicId).toBe(first.publicId + 1);
    // Another organization's widgets do not move this one's counter.
    expect(await createWidget(t.core, organizationId, { name: 'Three' })).toMatchObject({ publicId: second.publicId + 1 });
    expect(elsewhere.publicId).toBeGreaterThanOrEqual(1);
    const agent = await createAgent(t.core, organizationId);
    // The admin made with the organization is user 1.
    expect(agent.publicId).toBe(2);
  });
});

describe('channels', () => {
  it('a web widget is unchanged: type web_widget, no identifier or callback', async () => {
    const widget = await createWidget(t.core, tenant.organizationId, { name: 'Site' });
    expect(widget.channel).toEqual({ type: 'web_widget' });
  });

  it('an API channel gets a public identifier, an HMAC token and a callback subscription in its own format', async () => {
    const widget = await createWidget(t.core, tenant.organizationId, { name: 'Backend', channel: { ...apiChannel(), hmacMandatory: true } });
    expect(widget.channel).toEqual({
      type: 'api',
      identifier: expect.stringMatching(/^[1-9A-HJ-NP-Za-km-z]{24}$/),
      callbackUrl: 'https://backend.example.com/chatwoot',
      callbackFormat: 'chatwoot',
      hmacToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      hmacMandatory: true,
    });
    const callbacks = (await getWebhooks(t.core, tenant.organizationId)).filter((webhook) => webhook.widgetId === widget.id);
    expect(callbacks).toEqual([expect.objectContaining({ format: 'chatwoot', url: 'https://backend.example.com/chatwoot', events: [], active: true })]);
  });

  it('changing the callback moves the one subscription; clearing it removes it; deleting the channel leaves none', async () => {
    const widget = await createWidget(t.core, tenant.organizationId, { name: 'Moving', channel: apiChannel() });
    const callbacksOf = async () => (await getWebhooks(t.core, tenant.organizationId)).filter((webhook) => webhook.widgetId === widget.id);
    const [before] = await callbacksOf();

    const moved = await updateWidget(t.core, tenant.organizationId, widget.id, { channel: { callbackUrl: 'https://other.example.com/hook', hmacMandatory: true } });
    expect(moved.channel).toMatchObject({ callbackUrl: 'https://other.example.com/hook', hmacMandatory: true });
    expect(await callbacksOf()).toEqual([expect.objectContaining({ id: before!.id, url: 'https://other.example.com/hook' })]);

    const cleared = await updateWidget(t.core, tenant.organizationId, widget.id, { channel: { callbackUrl: null } });
    expect(cleared.channel).toMatchObject({ callbackUrl: null, hmacMandatory: true });
    expect(await callbacksOf()).toEqual([]);

    await updateWidget(t.core, tenant.organizationId, widget.id, { channel: { callbackUrl: 'https://again.example.com/hook' } });
    await deleteWidget(t.core, tenant.organizationId, widget.id);
    expect(await callbacksOf()).toEqual([]);
  });

  it('refuses callbacks to loopback and private addresses unless the policy allows them, storing nothing', async () => {
    for (const url of ['http://127.0.0.1:9/hook', 'http://10.0.0.8/hook', 'http://localhost/hook', 'ftp://example.com/hook']) {
      const error = await createWidget(t.core, tenant.organizationId, { name: `Bad ${url}`, channel: apiChannel(url) }).catch((e: unknown) => e);
      expect(error, url).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'invalid', field: 'callbackUrl' });
    }
    const widget = await createWidget(t.core, tenant.organizationId, { name: 'Local', channel: apiChannel('http://127.0.0.1:9/hook') }, ALLOW_PRIVATE);
    expect(widget.channel).toMatchObject({ callbackUrl: 'http://127.0.0.1:9/hook' });
    const error = await updateWidget(t.core, tenant.organizationId, widget.id, { channel: { callbackUrl: 'http://127.0.0.1:10/hook' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid', field: 'callbackUrl' });
    expect((await getWidget(t.core, tenant.organizationId, widget.id))!.channel).toMatchObject({ callbackUrl: 'http://127.0.0.1:9/hook' });
  });
});

describe("a backend channel's conversations", () => {
  it('wait in the queue when nobody is online (a web widget would take an offline message), and reopen after being resolved', async () => {
    const api = await createWidget(t.core, tenant.organizationId, { name: 'Nobody home', channel: apiChannel(null) });
    const { conversation, offline } = await startConversation(t.core, tenant.organizationId, { widgetId: api.id, message: 'Hello?' });
    expect(offline).toBe(false);
    expect(conversation.status).toBe('queued');

    await closeConversation(t.core, tenant.organizationId, conversation.id, 'agent');
    const reopened = await reopenConversation(t.core, tenant.organizationId, conversation.id);
    expect(reopened).toMatchObject({ id: conversation.id, number: conversation.number, status: 'queued', closedAt: null, closedBy: null });
    const types = (await storedEvents(t.core, tenant.organizationId)).filter((event) => event.conversationId === conversation.id).map((event) => event.type);
    expect(types.slice(-3)).toEqual(['conversation.closed', 'conversation.reopened', 'conversation.queued']);
    // Reopening an open conversation changes nothing.
    expect(await reopenConversation(t.core, tenant.organizationId, conversation.id)).toMatchObject({ status: 'queued' });
  });

  it("a web widget's ended chat stays ended", async () => {
    const web = await createWidget(t.core, tenant.organizationId, { name: 'Web, nobody home' });
    const { conversation, offline } = await startConversation(t.core, tenant.organizationId, { widgetId: web.id, message: 'Hello?' });
    expect(offline).toBe(true);
    await expect(reopenConversation(t.core, tenant.organizationId, conversation.id)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(reopenConversation(t.core, other.organizationId, conversation.id)).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('external references', () => {
  const key = (value: string) => ({ dialect: 'test', kind: 'source_id', scope: 'inbox-1', value });

  it('remember is idempotent for the same entity, a 409 for another entity or organization, and finds stay within the organization', async () => {
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()];
    const value = `src-${Date.now()}`;
    const first = await rememberExternalReference(t.core, tenant.organizationId, key(value), a, { note: 'first' });
    expect(await rememberExternalReference(t.core, tenant.organizationId, key(value), a, { note: 'second' })).toEqual(first);
    expect(first).toMatchObject({ organizationId: tenant.organizationId, entityId: a, data: { note: 'first' } });

    await expect(rememberExternalReference(t.core, tenant.organizationId, key(value), b)).rejects.toMatchObject({ kind: 'conflict', field: 'source_id' });
    await expect(rememberExternalReference(t.core, other.organizationId, key(value), b)).rejects.toMatchObject({ kind: 'conflict' });

    expect(await findExternalReference(t.core, tenant.organizationId, key(value))).toEqual(first);
    expect(await findExternalReference(t.core, other.organizationId, key(value))).toBeUndefined();
    await rememberExternalReference(t.core, tenant.organizationId, key(`${value}-2`), a);
    expect((await listExternalReferences(t.core, tenant.organizationId, 'test', 'source_id', a)).map((reference) => reference.value)).toEqual([value, `${value}-2`]);
    expect(await listExternalReferences(t.core, other.organizationId, 'test', 'source_id', a)).toEqual([]);
  });
});

describe('access tokens', () => {
  it('a personal token authenticates its user until regenerated; only its hash is kept', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    const first = await issueAccessToken(t.core, tenant.organizationId, agent.id, 'personal');
    expect(first.token).toMatch(/^sbt_[A-Za-z0-9_-]{43}$/);
    expect(first.expiresAt).toBeNull();
    expect(await authenticateAccessToken(t.core, first.token)).toMatchObject({ user: { id: agent.id, organizationId: tenant.organizationId }, organization: { id: tenant.organizationId } });

    const second = await issueAccessToken(t.core, tenant.organizationId, agent.id, 'personal');
    expect(await authenticateAccessToken(t.core, first.token)).toBeUndefined();
    expect(await authenticateAccessToken(t.core, second.token)).toMatchObject({ user: { id: agent.id } });

    // Stored as its SHA-256: the hash finds the token's row, the token itself finds nothing.
    expect(await findUserByAccessTokenHash(t.database.db, sha256(second.token), new Date())).toBeDefined();
    expect(await findUserByAccessTokenHash(t.database.db, second.token, new Date())).toBeUndefined();
  });

  it('sign-in tokens sit beside the personal one and expire; a disabled user, a malformed or unknown token authenticate nobody', async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    const personal = await issueAccessToken(t.core, tenant.organizationId, agent.id, 'personal');
    const live = await issueAccessToken(t.core, tenant.organizationId, agent.id, 'sign_in', 60_000);
    const expired = await issueAccessToken(t.core, tenant.organizationId, agent.id, 'sign_in', -1);
    expect(await authenticateAccessToken(t.core, personal.token)).toMatchObject({ user: { id: agent.id } });
    expect(await authenticateAccessToken(t.core, live.token)).toMatchObject({ user: { id: agent.id } });
    expect(await authenticateAccessToken(t.core, expired.token)).toBeUndefined();
    for (const token of ['', 'nope', `sbt_${'A'.repeat(43)}`, `${personal.token}x`]) expect(await authenticateAccessToken(t.core, token), token).toBeUndefined();

    await updateUser(t.core, tenant.organizationId, agent.id, { disabled: true });
    expect(await authenticateAccessToken(t.core, personal.token)).toBeUndefined();
  });

  it('answers the organization as it is now, though the token is cached', async () => {
    const { organizationId, admin } = await createOrganization(t.core, { name: 'Before the rename', admin: { email: `rename-${Date.now()}@ids.test`, password: 'correct horse battery' } });
    const { token } = await issueAccessToken(t.core, organizationId, admin.id, 'personal');
    expect((await authenticateAccessToken(t.core, token))?.organization.name).toBe('Before the rename');
    await updateOrganization(t.core, organizationId, { name: 'After the rename' });
    expect((await authenticateAccessToken(t.core, token))?.organization.name).toBe('After the rename');
  });

  it("cannot be issued for another organization's user", async () => {
    const agent = await createAgent(t.core, tenant.organizationId);
    await expect(issueAccessToken(t.core, other.organizationId, agent.id, 'personal')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
