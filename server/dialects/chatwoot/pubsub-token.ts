import { randomBytes } from 'node:crypto';
import { type Core, listExternalReferences, rememberExternalReference, type User } from '../kit.ts';

/**
 * A user's `pubsub_token`: the stream name Chatwoot's ActionCable clients subscribe to, shown in
 * the sign-in and profile answers. Chatwoot keeps one per user for good; we keep it as a vendor
 * reference (kind `user_pubsub_token`, found by value when a socket subscribes), made on first
 * use. Two first uses at once may both make one; the oldest is the user's from then on.
 */
const KIND = 'user_pubsub_token';

/** 24 base58 characters, as Chatwoot's `has_secure_token` makes them. */
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const newToken = () => [...randomBytes(24)].map((byte) => BASE58[byte % BASE58.length]).join('');

export async function pubsubTokenOf(core: Core, user: User): Promise<string> {
  const [kept] = await listExternalReferences(core, user.organizationId, 'chatwoot', KIND, user.id);
  if (kept) return kept.value;
  const made = await rememberExternalReference(core, user.organizationId, { dialect: 'chatwoot', kind: KIND, scope: '', value: newToken() }, user.id);
  return made.value;
}
