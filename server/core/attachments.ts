import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { invalid } from './errors.ts';

/**
 * Files in chats: which types are accepted, how their bytes are checked, where they are kept.
 * Images and PDFs must start with their format's signature (a renamed executable is refused);
 * text types must be UTF-8 without NUL bytes. Anything else is refused: every accepted type is
 * one a browser shows or saves without running it, and downloads are sent with `nosniff`.
 */
const SIGNATURES: Record<string, (bytes: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  'image/gif': (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'text/plain': isUtf8Text,
  'text/csv': isUtf8Text,
};

/** Every type the server can verify; ATTACHMENT_TYPES may narrow it. */
export const SUPPORTED_ATTACHMENT_TYPES = Object.keys(SIGNATURES);

export const isImageType = (mimeType: string) => mimeType.startsWith('image/');

function isUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** What the caller may upload and where the files go (from the configuration). */
export interface AttachmentPolicy {
  dataDir: string;
  maxBytes: number;
  allowedTypes: readonly string[];
}

export interface CheckedFile {
  fileName: string;
  mimeType: string;
  size: number;
  sha256: string;
}

const FILE_NAME_MAX = 255;

/** `text/plain; charset=utf-8` → `text/plain`. */
export const bareMimeType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** Validates a file before anything is stored; throws `invalid` naming fileName, contentType or file. */
export function checkFile(policy: AttachmentPolicy, fileName: string, declaredType: string, data: Buffer): CheckedFile {
  // Only the last path segment: a name is shown and offered for saving, never used as a path.
  const name = fileName.split(/[\\/]/).pop()!.trim();
  if (name === '' || name === '.' || name === '..') throw invalid('fileName', 'fileName must not be empty');
  if (name.length > FILE_NAME_MAX) throw invalid('fileName', `fileName must be at most ${FILE_NAME_MAX} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw invalid('fileName', 'fileName must not contain control characters');
  const mimeType = bareMimeType(declaredType);
  if (!policy.allowedTypes.includes(mimeType)) {
    throw invalid('contentType', `file type "${mimeType || '(none)'}" is not accepted; send one of: ${policy.allowedTypes.join(', ')}`);
  }
  if (data.length === 0) throw invalid('file', 'file must not be empty');
  if (data.length > policy.maxBytes) throw invalid('file', `file must be at most ${policy.maxBytes} bytes`);
  if (!SIGNATURES[mimeType]!(data)) throw invalid('file', `file content does not match its type ${mimeType}`);
  return { fileName: name, mimeType, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
}

/** Where an attachment's bytes are kept. Both ids are uuids the server made, so the path cannot escape the folder. */
export function attachmentPath(dataDir: string, organizationId: string, attachmentId: string): string {
  return path.join(dataDir, 'uploads', organizationId, attachmentId);
}

/** Writes to a temporary name, then renames: a reader never sees a half-written file. */
export async function writeAttachmentFile(target: string, data: Buffer): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, data, { flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

export async function removeAttachmentFile(target: string): Promise<void> {
  await rm(target, { force: true });
}
