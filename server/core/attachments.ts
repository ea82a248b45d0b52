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
const TYPES: Record<string, { extensions: readonly string[]; matches: (bytes: Buffer) => boolean }> = {
  'image/png': { extensions: ['png'], matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], matches: (b) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) },
  'image/gif': { extensions: ['gif'], matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  'image/webp': { extensions: ['webp'], matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  'application/pdf': { extensions: ['pdf'], matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  'text/plain': { extensions: ['txt'], matches: isUtf8Text },
  'text/csv': { extensions: ['csv'], matches: isUtf8Text },
};

/** Every type the server can verify; ATTACHMENT_TYPES may narrow it. */
export const SUPPORTED_ATTACHMENT_TYPES = Object.keys(TYPES);

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

/**
 * Extensions whose files run code when opened (Windows programs, script hosts and shortcuts, Office
 * macros, Java, disk images and installers, Unix shells, pages and images that run script in a
 * browser). A name carrying one in any dot-separated part after its first is refused: `invoice.js`,
 * and `report.hta.txt` too, which exists only to look like something else. The one list all
 * uploads are checked against.
 */
export const EXECUTABLE_EXTENSIONS: ReadonlySet<string> = new Set([
  ...['exe', 'com', 'scr', 'pif', 'cpl', 'dll', 'ocx', 'msi', 'msp', 'mst', 'msc', 'msix', 'appx', 'appref-ms', 'application', 'gadget'],
  ...['bat', 'cmd', 'ps1', 'psm1', 'psd1', 'ps1xml', 'psc1', 'vb', 'vbs', 'vbe', 'js', 'jse', 'mjs', 'cjs', 'wsf', 'wsh', 'wsc', 'ws', 'sct', 'hta'],
  ...['reg', 'inf', 'ins', 'isp', 'lnk', 'url', 'scf', 'chm', 'hlp', 'xll', 'xbap', 'settingcontent-ms', 'library-ms', 'search-ms', 'diagcab'],
  ...['docm', 'dotm', 'xlsm', 'xltm', 'xlam', 'pptm', 'potm', 'ppam', 'ppsm', 'sldm'],
  ...['jar', 'jnlp', 'iso', 'vhd', 'vhdx', 'dmg', 'pkg', 'mpkg', 'deb', 'rpm', 'apk', 'appimage'],
  ...['sh', 'bash', 'zsh', 'csh', 'ksh', 'command', 'py', 'pyw', 'pl', 'rb', 'php', 'scpt', 'desktop', 'webloc'],
  ...['html', 'htm', 'xhtml', 'xht', 'shtml', 'mht', 'mhtml', 'svg', 'svgz', 'xsl', 'xslt', 'swf'],
]);

/**
 * Characters a name may not carry, removed rather than refused: controls (C0, DEL, C1), format
 * characters (which include every bidi override, embedding and isolate, LRM, RLM, ALM and the
 * zero-width ones) and line and paragraph separators. `photo\u202Egpj.js` shows as "photosj.jpg".
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

const trimDotsAndSpaces = (text: string) => text.replace(/^[\s.]+|[\s.]+$/gu, '');

/** What after the last dot counts as an extension to replace: `.jpeg`, `.md`, not `. Smith's notes` or `.2024`. */
const EXTENSION = /^(?=.*\p{L})[\p{L}\p{N}_-]{1,16}$/u;

/** The name as given, made fit to show: no invisible characters, only the last path segment, no dots or spaces at either end. */
function cleanName(fileName: string): string {
  return trimDotsAndSpaces(fileName.replace(INVISIBLE, '').split(/[\\/]/).pop()!);
}

/**
 * The name a file is stored and offered for saving under: the cleaned name with the extension of
 * its verified type in place of the one the sender gave (kept when it is already one of that
 * type's, e.g. `.jpeg`), at most FILE_NAME_MAX characters. Idempotent, and it never fails, so
 * downloads apply it too (to names stored before it existed).
 */
export function attachmentFileName(fileName: string, mimeType: string): string {
  const name = cleanName(fileName);
  const last = name.lastIndexOf('.');
  const dot = last !== -1 && EXTENSION.test(name.slice(last + 1)) ? last : -1;
  const given = dot === -1 ? '' : name.slice(dot + 1);
  const extensions = TYPES[mimeType]?.extensions ?? [];
  const extension = extensions.includes(given.toLowerCase()) ? given : (extensions[0] ?? '');
  const suffix = extension && `.${extension}`;
  // Code points, not UTF-16 units: a cut never splits a surrogate pair.
  const base = trimDotsAndSpaces(Array.from(trimDotsAndSpaces(dot === -1 ? name : name.slice(0, dot))).slice(0, FILE_NAME_MAX - suffix.length).join(''));
  return (base || 'file') + suffix;
}

/** `text/plain; charset=utf-8` → `text/plain`. */
export const bareMimeType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** Validates a file before anything is stored; throws `invalid` naming fileName, contentType or file. */
export function checkFile(policy: AttachmentPolicy, fileName: string, declaredType: string, data: Buffer): CheckedFile {
  // A name is shown and offered for saving, never used as a path.
  const name = cleanName(fileName);
  if (name === '') throw invalid('fileName', 'fileName must not be empty');
  const executable = name.split('.').slice(1).map((part) => part.trim().toLowerCase()).find((part) => EXECUTABLE_EXTENSIONS.has(part));
  if (executable) throw invalid('fileName', `fileName must not have an executable extension (.${executable})`);
  const mimeType = bareMimeType(declaredType);
  if (!policy.allowedTypes.includes(mimeType)) {
    throw invalid('contentType', `file type "${mimeType || '(none)'}" is not accepted; send one of: ${policy.allowedTypes.join(', ')}`);
  }
  if (data.length === 0) throw invalid('file', 'file must not be empty');
  if (data.length > policy.maxBytes) throw invalid('file', `file must be at most ${policy.maxBytes} bytes`);
  if (!TYPES[mimeType]!.matches(data)) throw invalid('file', `file content does not match its type ${mimeType}`);
  return { fileName: attachmentFileName(name, mimeType), mimeType, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
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
