import { describe, expect, it } from 'vitest';
import type { EventFrame, Message } from '../../console/src/api/types.ts';
import { hubEventOf, hubTypingOf, parseHubRequest } from '../../console/src/hub/protocol.ts';

/** The console's Hub SDK vocabulary on its own (no browser): what pages hear, and which requests pass validation. */
const AGENT = 'ada@shop.test';
const ORIGIN = 'https://console.example.com';
const conversationId = '7f3a0000-0000-4000-8000-000000000000';

const message = (overrides: Partial<Message>): Message => ({
  id: 'm1',
  seq: 1,
  conversationId,
  senderType: 'visitor',
  senderId: null,
  senderName: 'Vera',
  kind: 'text',
  body: 'Hello',
  content: null,
  private: false,
  createdAt: '2026-11-21T10:00:00.000Z',
  ...overrides,
});
const event = (name: string, data: Record<string, unknown>): EventFrame => ({ type: 'event', eventId: 1, name, occurredAt: '2026-11-21T10:00:00.000Z', conversationId, data });

describe('Hub → page', () => {
  it('turns messages into visitor/agent events, files into File payloads, and keeps notes and system lines in', () => {
    expect(hubEventOf(event('message.created', { message: message({}) }), ORIGIN)).toEqual({ type: 'visitor_message_received', data: { type: 'text', text: 'Hello' } });
    expect(hubEventOf(event('message.created', { message: message({ senderType: 'agent' }) }), ORIGIN)?.type).toBe('agent_message_received');
    expect(hubEventOf(event('message.created', { message: message({ senderType: 'agent', private: true }) }), ORIGIN)).toBeNull();
    expect(hubEventOf(event('message.created', { message: message({ senderType: 'system' }) }), ORIGIN)).toBeNull();
    const file = message({ kind: 'attachment', content: { id: 'a1', fileName: 'bill.pdf', mimeType: 'application/pdf', size: 10 } });
    expect(hubEventOf(event('message.created', { message: file }), ORIGIN)?.data).toMatchObject({
      type: 'File',
      fileName: 'bill.pdf',
      mimeType: 'application/pdf',
      url: 'https://console.example.com/native/v1/attachments/a1',
    });
  });

  it('passes page views, visitor closes and the typing preview; nothing else', () => {
    expect(hubEventOf(event('visitor.page_viewed', { url: 'https://shop.test/a' }), ORIGIN)).toEqual({ type: 'visitor_page_update', data: { page: 'https://shop.test/a' } });
    expect(hubEventOf(event('conversation.closed', { closedBy: 'visitor' }), ORIGIN)).toEqual({ type: 'conversation_closed_by_visitor' });
    expect(hubEventOf(event('conversation.closed', { closedBy: 'agent' }), ORIGIN)).toBeNull();
    expect(hubEventOf(event('conversation.labeled', { name: 'x', value: 'y' }), ORIGIN)).toBeNull();
    const typing = { type: 'signal' as const, name: 'visitor.typing' as const, conversationId, data: { conversationId, isTyping: true, preview: 'Wher' } };
    expect(hubTypingOf(typing)).toEqual({ type: 'visitor_typing', data: { type: 'text', text: 'Wher' } });
    expect(hubTypingOf({ ...typing, data: { ...typing.data, isTyping: false } })).toBeNull();
  });
});

describe('page → Hub', () => {
  const parse = (raw: unknown) => parseHubRequest(raw, AGENT);

  it('accepts every request of the SDK in its documented shape', () => {
    const base = { conversationId, agent: AGENT };
    expect(parse({ ...base, type: 'agent_message_received', data: { text: 'Hi' } })).toEqual({ ok: true, request: { type: 'agent_message_received', conversationId, text: 'Hi' } });
    expect(parse({ ...base, type: 'agent_message_received', data: { message: 'Hi' } })).toMatchObject({ ok: true, request: { text: 'Hi' } });
    expect(parse({ ...base, type: 'conversation_closed_by_agent' })).toMatchObject({ ok: true });
    expect(parse({ ...base, type: 'label_added', data: { labelName: 'Topic', freeForm: true, value: 'billing' } })).toMatchObject({ ok: true, request: { labelName: 'Topic', value: 'billing' } });
    expect(parse({ ...base, type: 'label_removed', data: { labelName: 'Topic' } })).toMatchObject({ ok: true, request: { value: '' } });
    expect(parse({ ...base, type: 'transfer_request', data: { widgetId: 'w1' } })).toMatchObject({ ok: true, request: { widgetId: 'w1' } });
    expect(parse({ ...base, type: 'reclaim_transfer_request' })).toMatchObject({ ok: true });
    expect(parse({ ...base, type: 'request_file' })).toMatchObject({ ok: true });
    expect(parse({ ...base, type: 'request_secure_data', data: { secure_data_type: 'Credit Card' } })).toMatchObject({ ok: true, request: { secureDataType: 'Credit Card' } });
    expect(parse({ ...base, type: 'ban_user', data: { type: 'IP' } })).toMatchObject({ ok: true, request: { kind: 'ip' } });
    expect(parse({ ...base, type: 'ban_user', data: { type: 'cookie' } })).toMatchObject({ ok: true, request: { kind: 'visitor' } });
    expect(parse({ conversationId, type: 'populate_text', data: { message: 'Draft' } })).toMatchObject({ ok: true, request: { message: 'Draft' } });
  });

  it('refuses anything else with a reason naming the field', () => {
    const cases: Array<[unknown, RegExp]> = [
      ['just a string', /object/],
      [{ type: 'agent_message_received', data: { text: 'x' } }, /conversationId/],
      [{ type: 42, conversationId }, /type/],
      [{ type: 'delete_everything', conversationId }, /unknown type/],
      [{ type: 'agent_message_received', conversationId, agent: 'mallory@evil.test', data: { text: 'x' } }, /agent/],
      [{ type: 'agent_message_received', conversationId, data: { text: '   ' } }, /data.text/],
      [{ type: 'agent_message_received', conversationId, data: { text: 'x'.repeat(10_001) } }, /data.text/],
      [{ type: 'label_added', conversationId, data: { value: 'x' } }, /data.labelName/],
      [{ type: 'label_added', conversationId, data: { labelName: 'x', value: 5 } }, /data.value/],
      [{ type: 'transfer_request', conversationId, data: {} }, /data.widgetId/],
      [{ type: 'request_secure_data', conversationId, data: { secure_data_type: 'Password' } }, /secure_data_type/],
      [{ type: 'ban_user', conversationId, data: { type: 'forever' } }, /data.type/],
      [{ type: 'populate_text', conversationId }, /data.message/],
    ];
    for (const [raw, reason] of cases) {
      const parsed = parse(raw);
      expect(parsed.ok, JSON.stringify(raw).slice(0, 80)).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toMatch(reason);
    }
  });
});
