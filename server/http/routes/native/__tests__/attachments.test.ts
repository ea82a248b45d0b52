import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPath, writeAttachmentFile } from '../../../../core/attachments.ts';
import type { User } from '../../../../core/types.ts';
import { insertAttachment } from '../../../../db/repositories/attachments.ts';
import { createWidgetWith, insertVisitorConversation, storedEvents, type VisitorConversation } from '../../../../test/factories.ts';
import { useTestApp } from '../../../../test/test-app.ts';
import { call, createMember, expectError, sessionFor, UNKNOWN_IDS, type Credentials } from './native-test-kit.ts';

/** POST /conversations/:id/attachments and GET /attachments/:id: files in chats, for visitors and agents. */

const MAX_BYTES = 4096;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sb-attachments-'));
const { t, tenant, other } = useTestApp({ tenants: 2, env: { DATA_DIR: dataDir, ATTACHMENT_MAX_BYTES: String(MAX_BYTES) } });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR fake image data')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');

let agent: User;
let agentSession: Credentials;
let otherAgentSession: Credentials;
/** Assigned to `agent`; its visitor and a second visitor of the same widget. */
let chat: VisitorConversation;
let otherVisitorChat: VisitorConversation;
let otherTenantChat: VisitorConversation;

beforeAll(async () => {
  const member = await createMember(t.core, tenant.organizationId, 'agent');
  agent = member.user;
  agentSession = await sessionFor(t.app, member.email, member.password);
  const otherMember = await createMember(t.core, other.organizationId, 'agent');
  otherAgentSession = await sessionFor(t.app, otherMember.email, otherMember.password);
  const widget = await createWidgetWith(t.core, tenant.organizationId, [{ userId: agent.id }]);
  const otherWidget = await createWidgetWith(t.core, other.organizationId, [{ userId: otherMember.user.id }]);
  const seed = { organizationId: tenant.organizationId, widgetId: widget.id, assignee: { type: 'user' as const, id: agent.id }, status: 'open' as const };
  chat = await insertVisitorConversation(t.core, seed);
  otherVisitorChat = await insertVisitorConversation(t.core, seed);
  otherTenantChat = await insertVisitorConversation(t.core, {
    organizationId: other.organizationId,
    widgetId: otherWidget.id,
    assignee: { type: 'user', id: otherMember.user.id },
    status: 'open',
  });
});

const visitor = (conversation: VisitorConversation): Credentials => ({ 'x-visitor-token': conversation.visitorToken });

function upload(conversationId: string, credentials: Credentials, file: { body: Buffer; type?: string; fileName?: string }) {
  const query = file.fileName === undefined ? '' : `?fileName=${encodeURIComponent(file.fileName)}`;
  return call(t.app, 'POST', `/conversations/${conversationId}/attachments${query}`, {
    credentials,
    headers: file.type === undefined ? {} : { 'content-type': file.type },
    payload: file.body,
  });
}

const download = (id: string, credentials: Credentials) => call(t.app, 'GET', `/attachments/${id}`, { credentials });

/** Every stored file, as organization/attachment paths under DATA_DIR/uploads. */
function storedFiles(): string[] {
  const root = path.join(dataDir, 'uploads');
  try {
    return readdirSync(root).flatMap((org) => readdirSync(path.join(root, org)).map((file) => `${org}/${file}`));
  } catch {
    return [];
  }
}

describe('POST /conversations/:id/attachments', () => {
  it('stores a visitor file on disk and posts it as an attachment message (message.created)', async () => {
    const response = await upload(chat.conversationId, visitor(chat), { body: PNG, type: 'image/png', fileName: 'screen shot.png' });
    expect(response.statusCode, response.body).toBe(201);
    const { attachment, message } = response.json();
    expect(attachment).toStrictEqual({ id: expect.any(String), fileName: 'screen shot.png', mimeType: 'image/png', size: PNG.length });
    expect(message).toMatchObject({
      conversationId: chat.conversationId,
      senderType: 'visitor',
      senderId: null,
      kind: 'attachment',
      body: '',
      content: { attachment },
      private: false,
    });
    expect(readFileSync(path.join(dataDir, 'uploads', tenant.organizationId, attachment.id)).equals(PNG)).toBe(true);
    const created = (await storedEvents(t.core, tenant.organizationId)).filter((e) => e.type === 'message.created').at(-1);
    expect(created).toMatchObject({ conversationId: chat.conversationId, payload: { message: { id: message.id, kind: 'attachment', content: { attachment } } } });
  });

  it('lets the assigned agent send a file under their name', async () => {
    const response = await upload(chat.conversationId, agentSession, { body: PDF, type: 'application/pdf', fileName: 'invoice.pdf' });
    expect(response.statusCode, response.body).toBe(201);
    const { attachment, message } = response.json();
    expect(attachment).toMatchObject({ fileName: 'invoice.pdf', mimeType: 'application/pdf', size: PDF.length });
    expect(message).toMatchObject({ senderType: 'agent', senderId: agent.id, senderName: agent.name, kind: 'attachment', content: { attachment } });
  });

  it('accepts text with a charset parameter and keeps only the last segment of a path-like name', async () => {
    const response = await upload(chat.conversationId, visitor(chat), { body: Buffer.from('a,b\n1,2\n'), type: 'text/csv; charset=utf-8', fileName: '../../etc/data.csv' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().attachment).toMatchObject({ fileName: 'data.csv', mimeType: 'text/csv' });
  });

  it('stores the name without controls or bidi characters, with the extension of the verified type', async () => {
    const cases: Array<[string, string, Buffer, string]> = [
      ['photo\u202Egnp.txt', 'text/plain', Buffer.from('hi'), 'photognp.txt'],
      ['a\u0001b\u0085c\u2066d\u200E\u061C.pdf. . ', 'application/pdf', PDF, 'abcd.pdf'],
      ['README.md', 'text/plain', Buffer.from('# hi'), 'README.txt'],
      ['picture', 'image/png', PNG, 'picture.png'],
      ['holiday.JPEG', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'holiday.JPEG'],
      ['disguised.png', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'disguised.jpg'],
      ["Mr. Smith's notes", 'text/plain', Buffer.from('hi'), "Mr. Smith's notes.txt"],
      [`${'x'.repeat(254)}`, 'image/webp', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 '), `${'x'.repeat(250)}.webp`],
    ];
    for (const [fileName, type, body, stored] of cases) {
      const response = await upload(chat.conversationId, visitor(chat), { body, type, fileName });
      expect(response.statusCode, response.body).toBe(201);
      const { attachment, message } = response.json();
      expect([attachment.fileName, message.content.attachment.fileName]).toEqual([stored, stored]);
    }
  });

  describe('rejects bad input, storing nothing', () => {
    let before: string[];
    beforeAll(() => void (before = storedFiles()));
    afterAll(() => expect(storedFiles()).toStrictEqual(before));

    it('a body over ATTACHMENT_MAX_BYTES: 413', async () => {
      const body = Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]);
      expectError(await upload(chat.conversationId, visitor(chat), { body, type: 'image/png', fileName: 'big.png' }), {
        status: 413,
        code: 'too_large',
        message: 'request body is too large',
      });
    });

    it('a type outside the allow-list, or none: 400 naming contentType', async () => {
      for (const type of ['application/zip', 'text/html', undefined]) {
        expectError(await upload(chat.conversationId, visitor(chat), { body: Buffer.from('PK\x03\x04'), type, fileName: 'x.zip' }), {
          status: 400,
          code: 'invalid',
          field: 'contentType',
          message: /^file type "[^"]+" is not accepted; send one of: image\/png, /,
        });
      }
    });

    it('bytes that do not match the declared type: 400 naming file', async () => {
      const cases = [
        { body: Buffer.from('MZ\x90\x00 not an image'), type: 'image/png' },
        { body: PNG, type: 'image/jpeg' },
        { body: PNG, type: 'application/pdf' },
        { body: Buffer.from([0x61, 0x00, 0x62]), type: 'text/plain' },
      ];
      for (const { body, type } of cases) {
        expectError(await upload(chat.conversationId, visitor(chat), { body, type, fileName: 'file' }), {
          status: 400,
          code: 'invalid',
          field: 'file',
          message: `file content does not match its type ${type}`,
        });
      }
    });

    it('an empty file: 400', async () => {
      expectError(await upload(chat.conversationId, visitor(chat), { body: Buffer.alloc(0), type: 'text/plain', fileName: 'empty.txt' }), {
        status: 400,
        code: 'invalid',
        field: 'file',
        message: 'file must not be empty',
      });
    });

    it('a name with an executable extension, in any of its parts or behind a right-to-left override: 400 naming fileName', async () => {
      const cases = [
        ['invoice.js', 'js'],
        ['report.hta', 'hta'],
        ['run.bat', 'bat'],
        ['SETUP.EXE', 'exe'],
        ['photo\u202Egpj.js', 'js'],
        ['report.hta.txt', 'hta'],
        ['notes.PS1 .txt', 'ps1'],
        ['page.html', 'html'],
        ['logo.svg', 'svg'],
      ];
      for (const [fileName, extension] of cases) {
        expectError(await upload(chat.conversationId, visitor(chat), { body: Buffer.from('alert(1)'), type: 'text/plain', fileName }), {
          status: 400,
          code: 'invalid',
          field: 'fileName',
          message: `fileName must not have an executable extension (.${extension})`,
        });
      }
    });

    it('a name of nothing but dots, spaces and invisible characters: 400', async () => {
      for (const fileName of ['..', ' . ', '\u202E\u200F', '/']) {
        expectError(await upload(chat.conversationId, visitor(chat), { body: PNG, type: 'image/png', fileName }), {
          status: 400,
          code: 'invalid',
          field: 'fileName',
          message: 'fileName must not be empty',
        });
      }
    });

    it('no fileName: 400', async () => {
      expectError(await upload(chat.conversationId, visitor(chat), { body: PNG, type: 'image/png' }), {
        status: 400,
        code: 'invalid',
        field: 'fileName',
        message: 'fileName is required',
      });
    });

    it('an unknown conversation, or another tenant’s: 404', async () => {
      for (const id of [...UNKNOWN_IDS, otherTenantChat.conversationId]) {
        expectError(await upload(id, agentSession, { body: PNG, type: 'image/png', fileName: 'a.png' }), { status: 404, code: 'not_found', message: 'conversation not found' });
        expectError(await upload(id, visitor(chat), { body: PNG, type: 'image/png', fileName: 'a.png' }), { status: 404, code: 'not_found', message: 'conversation not found' });
      }
    });

    it('another visitor’s conversation: 404', async () => {
      expectError(await upload(chat.conversationId, visitor(otherVisitorChat), { body: PNG, type: 'image/png', fileName: 'a.png' }), {
        status: 404,
        code: 'not_found',
        message: 'conversation not found',
      });
    });

    it('no credentials, or an unknown visitor token: 401', async () => {
      expectError(await upload(chat.conversationId, {}, { body: PNG, type: 'image/png', fileName: 'a.png' }), {
        status: 401,
        code: 'unauthorized',
        message: 'authentication required: log in, or send the x-visitor-token header',
      });
      expectError(await upload(chat.conversationId, { 'x-visitor-token': 'forged' }, { body: PNG, type: 'image/png', fileName: 'a.png' }), {
        status: 401,
        code: 'unauthorized',
        message: 'visitor token is invalid',
      });
    });

    it('an agent the conversation is not assigned to: 409', async () => {
      const bystander = await createMember(t.core, tenant.organizationId, 'agent');
      const credentials = await sessionFor(t.app, bystander.email, bystander.password);
      expectError(await upload(chat.conversationId, credentials, { body: PNG, type: 'image/png', fileName: 'a.png' }), {
        status: 409,
        code: 'conflict',
        message: 'accept the conversation before sending files',
      });
    });
  });
});

describe('GET /attachments/:id', () => {
  let png: { id: string };
  let pdf: { id: string };
  let otherTenantFile: { id: string };

  beforeAll(async () => {
    png = (await upload(chat.conversationId, visitor(chat), { body: PNG, type: 'image/png', fileName: 'photo.png' })).json().attachment;
    pdf = (await upload(chat.conversationId, agentSession, { body: PDF, type: 'application/pdf', fileName: 'Rechnung März.pdf' })).json().attachment;
    otherTenantFile = (await upload(otherTenantChat.conversationId, visitor(otherTenantChat), { body: PNG, type: 'image/png', fileName: 'o.png' })).json().attachment;
  });

  it('gives the visitor and the agents the same bytes, images inline, other files as downloads, never sniffed', async () => {
    for (const credentials of [visitor(chat), agentSession]) {
      const image = await download(png.id, credentials);
      expect(image.statusCode).toBe(200);
      expect(image.rawPayload.equals(PNG)).toBe(true);
      expect(image.headers).toMatchObject({
        'content-type': 'image/png',
        'content-length': String(PNG.length),
        'content-disposition': `inline; filename="photo.png"; filename*=UTF-8''photo.png`,
        'x-content-type-options': 'nosniff',
      });
      const document = await download(pdf.id, credentials);
      expect(document.statusCode).toBe(200);
      expect(document.rawPayload.equals(PDF)).toBe(true);
      expect(document.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`,
        'x-content-type-options': 'nosniff',
      });
    }
  });

  it("percent-encodes what RFC 5987 does not allow bare (' ( ) *), and the widget's download route names the file too", async () => {
    const { attachment } = (await upload(chat.conversationId, visitor(chat), { body: PDF, type: 'application/pdf', fileName: "it's (final).pdf" })).json();
    const expected = `attachment; filename="it's (final).pdf"; filename*=UTF-8''it%27s%20%28final%29.pdf`;
    expect((await download(attachment.id, agentSession)).headers['content-disposition']).toBe(expected);
    const widgetDownload = await t.app.inject({ url: `/native/v1/public/attachments/${attachment.id}`, headers: visitor(chat) });
    expect(widgetDownload.statusCode).toBe(200);
    expect(widgetDownload.headers).toMatchObject({ 'content-disposition': expected, 'x-content-type-options': 'nosniff' });
  });

  it('serves a name stored before the rules with the extension of its type, never as stored', async () => {
    const id = randomUUID();
    await writeAttachmentFile(attachmentPath(dataDir, tenant.organizationId, id), Buffer.from('alert(1)'));
    await insertAttachment(t.core.db, {
      id,
      organizationId: tenant.organizationId,
      conversationId: chat.conversationId,
      fileName: 'photo\u202Egpj.js',
      mimeType: 'text/plain',
      size: 8,
      sha256: '0'.repeat(64),
    });
    const response = await download(id, visitor(chat));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe(`attachment; filename="photogpj.txt"; filename*=UTF-8''photogpj.txt`);
  });

  it('answers 404 for another tenant’s file, another visitor, and unknown ids', async () => {
    const notFound = { status: 404, code: 'not_found', message: 'attachment not found' };
    expectError(await download(otherTenantFile.id, agentSession), notFound);
    expectError(await download(otherTenantFile.id, visitor(chat)), notFound);
    expectError(await download(png.id, otherAgentSession), notFound);
    expectError(await download(png.id, visitor(otherVisitorChat)), notFound);
    expectError(await download(png.id, visitor(otherTenantChat)), notFound);
    for (const id of UNKNOWN_IDS) expectError(await download(id, agentSession), notFound);
  });

  it('answers 401 without credentials', async () => {
    expectError(await download(png.id, {}), { status: 401, code: 'unauthorized', message: 'authentication required: log in, or send the x-visitor-token header' });
  });
});
