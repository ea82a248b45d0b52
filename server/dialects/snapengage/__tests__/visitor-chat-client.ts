import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/context.ts';
import type { CreateWidgetInput } from '../../../core/commands/create-widget.ts';
import type { User, Widget } from '../../../core/types.ts';
import { createAgent, createWidgetWith } from '../../../test/factories.ts';
import { useTestApp } from '../../../test/test-app.ts';
import type { Reply } from './provisioning-client.ts';

/** Helpers shared by the Visitor Chat API tests. */

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** The user agent of the reference's "Start new chat" sample. */
export const SAMPLE_USER_AGENT =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_8_2) AppleWebKit/537.17 (KHTML, like Gecko) Chrome/24.0.1309.0 Safari/537.17';

export interface ChatRequest {
  /** Appended to the URL verbatim when a string (to send exactly the reference's encoding), else URL-encoded. */
  query?: string | Record<string, string>;
  /** Sent as application/x-www-form-urlencoded; a string is sent verbatim. */
  form?: string | Record<string, string>;
  json?: Record<string, unknown>;
  /** The x-api-key header: the default key when undefined, none when null. */
  key?: string | null;
  /** Overrides the Content-Type the body kind implies (null sends none). */
  contentType?: string | null;
}

export interface ChatReply extends Reply {
  allow: string | undefined;
}

/** `send(method, path, request)` against the app, with the reference's headers. */
export function visitorChatClient(app: () => FastifyInstance, defaultKey: () => string) {
  return async function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH', path: string, request: ChatRequest = {}): Promise<ChatReply> {
    const query = typeof request.query === 'string' ? request.query : new URLSearchParams(request.query ?? {}).toString();
    const payload =
      request.json !== undefined ? JSON.stringify(request.json) : typeof request.form === 'string' ? request.form : request.form && new URLSearchParams(request.form).toString();
    const impliedType = request.json !== undefined ? 'application/json' : 'application/x-www-form-urlencoded';
    const contentType = request.contentType === undefined ? impliedType : request.contentType;
    const key = request.key === undefined ? defaultKey() : request.key;
    const res = await app().inject({
      method,
      url: query ? `${path}?${query}` : path,
      headers: {
        ...(key !== null && { 'x-api-key': key }),
        // The reference's curl samples label even body-less POST/PUT requests as forms.
        ...(method !== 'GET' && contentType !== null && { 'content-type': contentType }),
      },
      ...(payload !== undefined && { payload }),
    });
    const allow = res.headers.allow;
    return { status: res.statusCode, body: res.body === '' ? '' : res.json(), allow: typeof allow === 'string' ? allow : undefined };
  };
}

/**
 * The setup both Visitor Chat API test files share: useTestApp with two organizations (`tenant`,
 * `other`), `org()` for the first one's id, and `send` acting with its key.
 */
export function useVisitorChatApp() {
  const used = useTestApp({ tenants: 2 });
  return {
    ...used,
    org: () => used.tenant.organizationId,
    send: visitorChatClient(() => used.t.app, () => used.tenant.apiKey),
  };
}

/** A reply without its Allow header, to compare with ok() and error(). */
export const withoutAllow = ({ status, body }: ChatReply) => ({ status, body });

/** The caseId of a chat-start reply. */
export const caseIdOf = (reply: ChatReply) => (reply.body as { caseId: string }).caseId;

/** A widget whose one agent is online, so chats are routed to that agent. */
export async function staffedWidget(core: Core, organizationId: string, settings: Omit<CreateWidgetInput, 'name' | 'members'> = {}) {
  const agent: User = await createAgent(core, organizationId, { presence: 'online' });
  const widget: Widget = await createWidgetWith(core, organizationId, [{ userId: agent.id }], settings);
  return { agent, widget };
}
