import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DomainError, invalid } from '../kit.ts';
import { parseRailsForm } from './params.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Files of a multipart body (`attachments[]` parts), read before validation. */
    chatwootFiles?: UploadedFile[];
  }
}

export interface UploadedFile {
  fileName: string;
  mimeType: string;
  data: Buffer;
}

const FILE_FIELDS = new Set(['attachments[]', 'attachments']);

/** A multipart body's fields, in order (names may repeat: `labels[]`), and its `attachments[]` files. */
async function readMultipart(request: FastifyRequest): Promise<{ fields: Array<[string, string]>; files: UploadedFile[] }> {
  const fields: Array<[string, string]> = [];
  const files: UploadedFile[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      if (FILE_FIELDS.has(part.fieldname)) files.push({ fileName: part.filename || 'file', mimeType: part.mimetype, data });
      continue;
    }
    fields.push([part.fieldname, String(part.value)]);
  }
  return { fields, files };
}

/**
 * Multipart bodies become the same plain object an urlencoded one does (params.ts nests its
 * bracketed names as Rails does) before validation; their files are kept on the request.
 */
export function readRailsBodies(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (request.isMultipart()) {
      const { fields, files } = await readMultipart(request);
      request.body = parseRailsForm(new URLSearchParams(fields).toString());
      request.chatwootFiles = files;
    }
  });
}

/** An object field sent as an object, or as a JSON string (multipart and form clients do). */
export function objectParam(field: string, value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalid(field, `${field} must be an object or a JSON object string`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid(field, `${field} must be an object`);
  return parsed as Record<string, unknown>;
}

/** Chatwoot's 422 for a bad parameter that is not a record field: `{"error": message}`. */
export const badParameter = (message: string) => new DomainError('invalid', message);

/** A page number from the query (1 when absent or not a positive integer, as Rails' `to_i` lenience ends up). */
export const pageOf = (page: number | undefined) => (page !== undefined && Number.isSafeInteger(page) && page >= 1 ? page : 1);
