import type { MessageKey } from '../i18n/index.ts';
import { RequestError } from './protocol.ts';

/** What the visitor reads when the server refuses a transcript request (another address, a switch, the limits). */
export function transcriptRefusal(error: unknown): MessageKey {
  if (!(error instanceof RequestError)) return 'failed';
  if (error.code === 'forbidden') return error.field === 'email' ? 'transcriptOwnEmail' : 'transcriptUnavailable';
  if (error.code === 'rate_limited') return 'transcriptLimit';
  return error.field === 'email' ? 'errorEmail' : 'failed';
}
