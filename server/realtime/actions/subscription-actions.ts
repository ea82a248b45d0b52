import { forbidden, invalid, notFound } from '../../core/errors.ts';
import { getWidget } from '../../core/queries/widgets.ts';
import { requireConversationAccess } from '../conversation-access.ts';
import type { Identity } from '../identity.ts';
import { SubscribeFrame, UnsubscribeFrame, type Topic } from '../protocol.ts';
import { replayStoredEvents } from '../replay.ts';
import type { Subscription } from '../subscriptions.ts';
import { anyoneAction, type ActionContext, type AckResult } from './action.ts';

interface TopicFields {
  topic: Topic;
  conversationId?: string;
  widgetId?: string;
}

/** The subscription a frame asks for, once the identity may have it. */
async function subscriptionFor({ core, connection, identity }: ActionContext, frame: TopicFields): Promise<Subscription> {
  if (frame.topic === 'conversation') {
    if (!frame.conversationId) throw invalid('conversationId', 'conversationId is required for topic conversation');
    await requireConversationAccess(core, connection, identity, frame.conversationId);
    return { topic: 'conversation', conversationId: frame.conversationId };
  }
  if (identity.role !== 'agent') throw forbidden(`visitors may only subscribe to their own conversations, not to topic ${frame.topic}`);
  if (frame.topic === 'agent') return { topic: 'agent' };
  if (frame.widgetId && !(await getWidget(core, identity.organizationId, frame.widgetId))) throw notFound('widget not found');
  return { topic: 'queue', widgetId: frame.widgetId ?? null };
}

/**
 * Registers the subscription and, when asked, replays what the client missed.
 * Live events are held from before the subscription is registered until after
 * the ack (see the dispatcher), so the client sees: replayed events, the ack,
 * then live events, in order and each once.
 */
export async function subscribeAndReplay(context: ActionContext, sub: Subscription, afterEventId: number | undefined): Promise<AckResult> {
  const { core, hub, connection, identity } = context;
  if (afterEventId !== undefined) connection.holdLiveEvents();
  const added = hub.subscribe(connection, sub);
  if (afterEventId === undefined) return { subscribed: added };
  const outcome = await replayStoredEvents(core, identity, sub, afterEventId, (event) => connection.sendReplayed(event));
  return { subscribed: added, ...outcome };
}

function describe(sub: Subscription): AckResult {
  if (sub.topic === 'conversation') return { topic: sub.topic, conversationId: sub.conversationId };
  if (sub.topic === 'queue') return { topic: sub.topic, widgetId: sub.widgetId };
  return { topic: sub.topic };
}

export const subscriptionActions = {
  subscribe: anyoneAction(SubscribeFrame, async (context: ActionContext<Identity>, frame) => {
    const sub = await subscriptionFor(context, frame);
    return { ...describe(sub), ...(await subscribeAndReplay(context, sub, frame.afterEventId)) };
  }),
  unsubscribe: anyoneAction(UnsubscribeFrame, async (context, frame) => {
    const sub: Subscription =
      frame.topic === 'conversation'
        ? { topic: 'conversation', conversationId: frame.conversationId ?? '' }
        : frame.topic === 'queue'
          ? { topic: 'queue', widgetId: frame.widgetId ?? null }
          : { topic: 'agent' };
    // Unsubscribing from something never subscribed is harmless: the ack says so instead of failing.
    return { ...describe(sub), unsubscribed: context.hub.unsubscribe(context.connection, sub) };
  }),
};
