import { useEffect, useRef, useState } from 'preact/hooks';
import type { ConversationDetail, HubLink } from '../api/types.ts';
import { errorText } from '../lib/format.ts';
import { chatActions } from '../state/actions.ts';
import { live } from '../state/live.ts';
import { currentUser } from '../state/session.ts';
import { onLocalHubEvent } from './local-events.ts';
import { hubEventOf, hubMessage, hubTypingOf, parseHubRequest, type HubOutbound, type HubRequest } from './protocol.ts';

const SECURE_DATA_ASK: Record<string, string> = {
  SSN: 'your social security number',
  'Credit Card': 'your card details',
  'Secure Note': 'the confidential information',
};

/**
 * Carries out a page's request as the signed-in agent, through the same actions as the
 * console's buttons. Returns the Hub event that acknowledges it, if the SDK defines one.
 */
async function perform(request: HubRequest, onPopulate: (text: string) => void): Promise<string | null> {
  const id = request.conversationId;
  switch (request.type) {
    case 'agent_message_received':
      await chatActions.send(id, request.text);
      return null;
    case 'conversation_closed_by_agent':
      await chatActions.close(id);
      return null;
    case 'label_added':
      await chatActions.label(id, request.labelName, request.value);
      return null;
    case 'label_removed':
      await chatActions.unlabel(id, request.labelName, request.value);
      return null;
    case 'transfer_request':
      await chatActions.transfer(id, { kind: 'widget', widgetId: request.widgetId });
      return null;
    case 'reclaim_transfer_request':
      await chatActions.transfer(id, { kind: 'agent', userId: currentUser().id });
      return 'reclaim_transfer_request';
    case 'request_file':
      await chatActions.send(id, 'Could you send us the file? Use the attachment button in the chat window.');
      return 'request_file';
    case 'request_secure_data':
      // No secure form exists yet: the visitor is warned not to type the data into the chat.
      await chatActions.send(id, `We need ${SECURE_DATA_ASK[request.secureDataType]}. Please do not type it into this chat; we will tell you how to share it safely.`);
      return 'request_secure_data';
    case 'ban_user':
      await chatActions.ban(id, request.kind, 'banned from a Hub SDK app');
      return 'ban_user';
    case 'populate_text':
      onPopulate(request.message);
      return null;
  }
}

/**
 * One persistent agent link: the page in a sandboxed iframe, the conversation's events
 * posted to it (only to the link's own origin), and its requests carried out when they
 * come from that iframe and that origin and name the conversation on screen.
 */
export function HubFrame({ link, detail, onPopulate }: { link: HubLink; detail: ConversationDetail; onPopulate: (text: string) => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const origin = new URL(link.url).origin;
  const conversationId = detail.conversation.id;
  const agentEmail = currentUser().email;

  const post = (event: Omit<HubOutbound, 'conversationId' | 'agentEmail'>) =>
    frame.current?.contentWindow?.postMessage({ ...event, conversationId, agentEmail }, origin);

  // A page hears about the conversation once it is ready to listen, with its newest message (at a chat's start, the visitor's first).
  useEffect(() => {
    if (!loaded) return;
    const first = detail.lastMessage;
    post({ type: 'conversation_started', ...(first && { data: hubMessage(first, location.origin) }) });
  }, [loaded, conversationId]);

  useEffect(() => {
    if (!loaded) return;
    const client = live();
    const stops = [
      client.onEvent((event) => {
        const hub = event.conversationId === conversationId ? hubEventOf(event, location.origin) : null;
        if (hub) post(hub);
      }),
      client.onSignal((signal) => {
        const hub = signal.conversationId === conversationId ? hubTypingOf(signal) : null;
        if (hub) post(hub);
      }),
      onLocalHubEvent((event) => {
        if (event.conversationId === conversationId) post({ type: event.type, ...(event.data && { data: event.data }) });
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, [loaded, conversationId]);

  useEffect(() => {
    const onMessage = async (event: MessageEvent) => {
      // Only this iframe, at the configured origin, may act, and only on the chat it was shown with.
      if (event.source !== frame.current?.contentWindow || event.origin !== origin) return;
      const parsed = parseHubRequest(event.data, agentEmail);
      if (!parsed.ok) return setProblem(`${link.label} sent a message the console cannot use: ${parsed.reason}.`);
      if (parsed.request.conversationId !== conversationId) return setProblem(`${link.label} asked to act on another conversation; ignored.`);
      try {
        const ack = await perform(parsed.request, onPopulate);
        if (ack) post({ type: ack });
        setProblem(null);
      } catch (failure) {
        setProblem(`${link.label}: ${errorText(failure)}`);
      }
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, [origin, conversationId, agentEmail]);

  return (
    <div class="hub-frame">
      {problem && (
        <p class="error small" role="alert">
          {problem}
        </p>
      )}
      <iframe
        ref={frame}
        src={link.url}
        title={link.label}
        sandbox="allow-scripts allow-same-origin allow-forms allow-popups"
        referrerpolicy="no-referrer"
        onLoad={() => setLoaded(true)}
      />
    </div>
  );
}
