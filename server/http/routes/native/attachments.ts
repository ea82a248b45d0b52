import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { attachmentFileName, isImageType, type AttachmentPolicy } from '../../../core/attachments.ts';
import { attachFile, type AttachFileInput } from '../../../core/commands/attach-file.ts';
import type { Core } from '../../../core/context.ts';
import { DomainError, notFound } from '../../../core/errors.ts';
import { authenticateVisitorToken, getAttachmentForViewer, type AttachmentViewer } from '../../../core/queries/attachments.ts';
import type { Attachment } from '../../../core/types.ts';
import { cookieSessionUser } from '../../plugins/native-auth.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import type { NativeApiOptions } from './options.ts';
import { IdParams, Nullable, Timestamp } from './schemas/common.ts';

/** The header a widget sends its visitorToken in (the one openVisitorSession handed out). */
export const VISITOR_TOKEN_HEADER = 'x-visitor-token';

/** Who is on either side of a chat: a console user (session cookie) or the conversation's visitor (token header). */
type ChatParty = { type: 'agent'; organizationId: string; userId: string } | { type: 'visitor'; organizationId: string; contactId: string };

const parties = new WeakMap<FastifyRequest, ChatParty>();

/**
 * Visitors have no console session, so these routes are `public` to the native authentication
 * and identify the caller themselves, before the body is read. The visitor header, when sent,
 * is the only credential looked at.
 */
function identifyParty(core: Core, publicUrl: string) {
  return async (request: FastifyRequest) => {
    const visitorToken = request.headers[VISITOR_TOKEN_HEADER];
    if (visitorToken !== undefined) {
      const visitor = typeof visitorToken === 'string' ? await authenticateVisitorToken(core, visitorToken) : undefined;
      if (!visitor) throw new DomainError('unauthorized', 'visitor token is invalid');
      parties.set(request, { type: 'visitor', ...visitor });
      return;
    }
    const user = await cookieSessionUser(core, publicUrl, request);
    if (!user) throw new DomainError('unauthorized', `authentication required: log in, or send the ${VISITOR_TOKEN_HEADER} header`);
    parties.set(request, { type: 'agent', organizationId: user.organizationId, userId: user.id });
  };
}

function partyOf(request: FastifyRequest): ChatParty {
  const party = parties.get(request);
  if (!party) throw new DomainError('unauthorized', 'authentication required');
  return party;
}

/** Uploads are raw bodies of any type (the core decides what is accepted), kept as bytes. Only in this plugin. */
function acceptRawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
}

const AttachmentSchema = Type.Object({ id: Type.String(), fileName: Type.String(), mimeType: Type.String(), size: Type.Integer() });

const UploadResponse = Type.Object({
  attachment: AttachmentSchema,
  message: Type.Object({
    id: Type.String(),
    seq: Type.Integer(),
    conversationId: Type.String(),
    senderType: Type.String(),
    senderId: Nullable(Type.String()),
    senderName: Nullable(Type.String()),
    kind: Type.Literal('attachment'),
    body: Type.String(),
    content: Type.Object({ attachment: AttachmentSchema }),
    private: Type.Boolean(),
    createdAt: Timestamp,
  }),
});

/** RFC 5987 `value-chars`: percent-encoded UTF-8, where encodeURIComponent leaves ' ( ) * bare, which the header's grammar does not allow. */
const rfc5987 = (text: string) => encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `filename` for old clients (printable ASCII, quotes and backslashes replaced), `filename*` (RFC 6266/5987) for the real name. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(fileName)}`;
}

/**
 * Streams a stored file to whoever may see it (both upload routes' downloads): its verified type,
 * never sniffed, in a sandbox, images inline and everything else as a download, under the name
 * `attachmentFileName` gives (so a name stored before that rule existed is served safely too).
 */
export function sendAttachment(reply: FastifyReply, { attachment, path }: { attachment: Attachment; path: string }, size: number) {
  const fileName = attachmentFileName(attachment.fileName, attachment.mimeType);
  return reply
    .header('content-type', attachment.mimeType)
    .header('content-length', size)
    .header('content-disposition', contentDisposition(isImageType(attachment.mimeType) ? 'inline' : 'attachment', fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-cache')
    .send(createReadStream(path));
}

/** Files in chats: visitors and agents upload into a conversation and download what was sent in it. */
export const attachmentRoutes: FastifyPluginAsyncTypebox<NativeApiOptions> = async (app, { core, config }) => {
  const tags = ['attachments'];
  const policy: AttachmentPolicy = { dataDir: config.dataDir, maxBytes: config.attachmentMaxBytes, allowedTypes: config.attachmentTypes };
  const security: Array<Record<string, string[]>> = [{ session: [] }, { visitorToken: [] }];
  acceptRawBodies(app);

  app.post(
    '/conversations/:id/attachments',
    {
      config: { access: 'public' },
      bodyLimit: config.attachmentMaxBytes,
      onRequest: identifyParty(core, config.publicUrl),
      schema: {
        tags,
        security,
        summary: 'Send a file in a conversation: the raw bytes as the body, Content-Type the file type, ?fileName= its name',
        params: IdParams,
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }) }),
        response: { 201: UploadResponse, ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const party = partyOf(request);
      const sender: AttachFileInput['sender'] = party.type === 'visitor' ? { type: 'visitor', contactId: party.contactId } : { type: 'agent', userId: party.userId };
      const result = await attachFile(core, policy, {
        organizationId: party.organizationId,
        conversationId: request.params.id,
        sender,
        fileName: request.query.fileName,
        mimeType: request.headers['content-type'] ?? '',
        data: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      });
      const { attachment, message } = result;
      return reply.code(201).send({ attachment, message: { ...message, kind: 'attachment' as const, content: { attachment } } });
    },
  );

  app.get(
    '/attachments/:id',
    {
      config: { access: 'public' },
      onRequest: identifyParty(core, config.publicUrl),
      schema: {
        tags,
        security,
        summary: 'Download a file sent in a conversation (its agents, or its visitor)',
        params: IdParams,
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary', description: 'The file' }), ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const party = partyOf(request);
      const viewer: AttachmentViewer =
        party.type === 'visitor' ? { type: 'visitor', organizationId: party.organizationId, contactId: party.contactId } : { type: 'agent', organizationId: party.organizationId };
      const found = await getAttachmentForViewer(core, config.dataDir, viewer, request.params.id);
      const size = found && (await stat(found.path).catch(() => undefined))?.size;
      if (!found || size === undefined) throw notFound('attachment not found');
      return sendAttachment(reply, found, size);
    },
  );
};
