import { api } from '../api/http.ts';
import type { Contact, Conversation, Message, TransferTarget } from '../api/types.ts';
import { live } from './live.ts';

/**
 * What an agent does to a chat, as realtime actions (docs/realtime.md): each resolves
 * with the server's ack or rejects with its error in words. Contact fields are the one
 * change made over HTTP, because the protocol has no frame for them.
 */
export const chatActions = {
  accept: (conversationId: string) => live().request<{ conversation: Conversation }>({ type: 'accept', conversationId }),
  send: (conversationId: string, body: string, isPrivate = false) =>
    live().request<{ message: Message }>({ type: 'send_message', conversationId, body, private: isPrivate }),
  transfer: (conversationId: string, target: TransferTarget) => live().request({ type: 'transfer', conversationId, target }),
  label: (conversationId: string, name: string, value: string) => live().request({ type: 'label', conversationId, name, value }),
  unlabel: (conversationId: string, name: string, value: string) => live().request({ type: 'unlabel', conversationId, name, value }),
  close: (conversationId: string) => live().request({ type: 'close', conversationId }),
  ban: (conversationId: string, kind: 'visitor' | 'ip', reason?: string) =>
    live().request({ type: 'ban', conversationId, kind, ...(reason && { reason }) }),
  read: (conversationId: string, upToSeq: number) => live().request({ type: 'read', conversationId, upToSeq }),
  typing: (conversationId: string, isTyping: boolean) => live().send({ type: 'typing', conversationId, isTyping }),
  updateContact: (contactId: string, changes: Partial<Pick<Contact, 'name' | 'email' | 'phone'>>) =>
    api.patch<{ contact: Contact }>(`/contacts/${contactId}`, changes).then((answer) => answer.contact),
};
