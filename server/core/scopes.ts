import { apiScopes, type ApiScope, type Role } from '../../protocol/values.ts';
import { forbidden } from './errors.ts';

/** The list lives in protocol/ because API key views carry scopes to the console too. */
export { apiScopes, type ApiScope };

export const isApiScope = (value: string): value is ApiScope => (apiScopes as readonly string[]).includes(value);

/**
 * Who asks for a change to people or API keys. A signed-in admin is a `session`; an
 * integration is its `api_key`. The native API's actor has this shape, so routes pass it
 * as it is. The command line and first-start setup act for the operator and pass none.
 */
export type Caller = { kind: 'session' } | { kind: 'api_key'; apiKey: { scopes: readonly ApiScope[] } };

/**
 * Keys stand for integrations, and whoever holds one must not become a person with more
 * power than the key: no key makes an admin, promotes anyone to admin, or touches an
 * admin's password, role or enabled state. Admins are managed by admins who sign in.
 */
export function checkCallerMayChangeUser(
  caller: Caller | undefined,
  target: { role: Role } | undefined,
  change: { role?: Role; password?: string; disabled?: boolean },
): void {
  if (caller?.kind !== 'api_key') return;
  if (change.role === 'admin' && target?.role !== 'admin') throw forbidden('an API key cannot make a user an admin; an admin does that in the console');
  const credentialChange = change.role !== undefined || change.password !== undefined || change.disabled !== undefined;
  if (target?.role === 'admin' && credentialChange) {
    throw forbidden("an API key cannot change an admin's password, role or enabled state; an admin does that in the console");
  }
}

/** A key may delete agents it manages, never an admin. */
export function checkCallerMayDeleteUser(caller: Caller | undefined, target: { role: Role }): void {
  if (caller?.kind === 'api_key' && target.role === 'admin') throw forbidden('an API key cannot delete an admin; an admin does that in the console');
}

/** A key never grants more than it holds: a key made with a key carries a subset of its scopes. */
export function checkCallerMayGrant(caller: Caller | undefined, scopes: readonly ApiScope[]): void {
  if (caller?.kind !== 'api_key') return;
  const extra = scopes.filter((scope) => !caller.apiKey.scopes.includes(scope));
  if (extra.length > 0) throw forbidden(`an API key can only grant scopes it holds itself; it lacks ${extra.map((s) => `"${s}"`).join(', ')}`);
}
