import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../../../config/config.ts';
import type { AttachmentPolicy } from '../../../core/attachments.ts';
import { attachFile } from '../../../core/commands/attach-file.ts';
import type { Core } from '../../../core/context.ts';
import { notFound } from '../../../core/errors.ts';
import { getAttachmentForViewer } from '../../../core/queries/attachments.ts';
import { nativeErrorResponses } from '../../plugins/native-errors.ts';
import { sendAttachment } from '../native/attachments.ts';
import { IdParams } from '../native/schemas/common.ts';
import { VISITOR } from './public-api.ts';
import { visitorOf } from './visitor-token.ts';

/**
 * Files in the visitor's chat, for the widget on a customer's page: the same core rules as
 * `/native/v1/conversations/{id}/attachments`, but under the public prefix whose answers any
 * origin may read (the console's routes stay same-origin). The token header is the credential.
 */
export const visitorFileRoutes: FastifyPluginAsyncTypebox<{ core: Core; config: Config }> = async (app, { core, config }) => {
  const tags = ['visitor widget'];
  const policy: AttachmentPolicy = { dataDir: config.dataDir, maxBytes: config.attachmentMaxBytes, allowedTypes: config.attachmentTypes };
  // Uploads are raw bodies of any type; the core decides what is accepted.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/public/conversations/:id/attachments',
    {
      config: { access: 'public' },
      bodyLimit: config.attachmentMaxBytes,
      schema: {
        tags,
        summary: 'The visitor sends a file: raw bytes as the body, Content-Type the file type, ?fileName= its name (header x-visitor-token)',
        security: VISITOR,
        params: IdParams,
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 255 }) }),
        response: { 201: Type.Object({ attachmentId: Type.String(), messageId: Type.String() }), ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(core, request);
      const { attachment, message } = await attachFile(core, policy, {
        organizationId: visitor.organizationId,
        conversationId: request.params.id,
        sender: { type: 'visitor', contactId: visitor.contactId },
        fileName: request.query.fileName,
        mimeType: request.headers['content-type'] ?? '',
        data: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      });
      return reply.code(201).send({ attachmentId: attachment.id, messageId: message.id });
    },
  );

  app.get(
    '/public/attachments/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "A file of the visitor's own conversation (header x-visitor-token)",
        security: VISITOR,
        params: IdParams,
        response: { 200: Type.Unsafe<unknown>({ type: 'string', format: 'binary' }), ...nativeErrorResponses },
      },
    },
    async (request, reply) => {
      const visitor = await visitorOf(core, request);
      const found = await getAttachmentForViewer(core, config.dataDir, { type: 'visitor', ...visitor }, request.params.id);
      const size = found && (await stat(found.path).catch(() => undefined))?.size;
      if (!found || size === undefined) throw notFound('attachment not found');
      return sendAttachment(reply, found, size);
    },
  );
};
