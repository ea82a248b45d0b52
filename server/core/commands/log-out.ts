import { deleteSession } from '../../db/repositories/sessions.ts';
import type { Core } from '../context.ts';
import { sha256 } from '../security/tokens.ts';

export async function logOut(core: Core, sessionToken: string): Promise<void> {
  await deleteSession(core.db, sha256(sessionToken));
}
