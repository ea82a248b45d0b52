/**
 * The bot's answer to chatStarted or message: `{context_id?, content: [...]}` where each item
 * is a message (with optional display_responses buttons) or a command. Parsed leniently, item
 * by item: one malformed item is skipped, the rest still run (a bot answers a live visitor).
 */

export type BotItem =
  | { type: 'message'; text: string; buttons: Array<{ text: string; id?: string }> }
  | { type: 'cards'; layout: 'VERTICAL' | 'HORIZONTAL'; cards: Array<{ title: string; excerpt?: string; link?: string }> }
  | { type: 'command'; operation: string; parameters: string };

export interface BotReply {
  contextId?: string;
  items: BotItem[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** `undefined` when the body is not the documented JSON object at all. */
export function parseBotReply(body: string): BotReply | undefined {
  if (body.trim() === '') return { items: [] };
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!isObject(json)) return undefined;
  const content = Array.isArray(json.content) ? json.content : [];
  return {
    ...(text(json.context_id) && { contextId: text(json.context_id) }),
    items: content.flatMap((item) => {
      const parsed = isObject(item) ? parseItem(item) : undefined;
      return parsed ? [parsed] : [];
    }),
  };
}

function parseItem(item: Json): BotItem | undefined {
  if (item.type === 'message' && text(item.text) !== undefined) {
    const responses = Array.isArray(item.display_responses) ? item.display_responses.filter(isObject) : [];
    const buttons = responses.flatMap((r) => (text(r.text) ? [{ text: text(r.text)!, ...(text(r.id) && { id: text(r.id)! }) }] : []));
    return { type: 'message', text: text(item.text)!, buttons };
  }
  if (item.type !== 'command' || !text(item.operation)) return undefined;
  const operation = text(item.operation)!.toUpperCase();
  // CARDS is the one command whose parameters are an object, not a string.
  if (operation === 'CARDS') return parseCards(item.parameters);
  return { type: 'command', operation, parameters: text(item.parameters)?.trim() ?? '' };
}

function parseCards(parameters: unknown): BotItem | undefined {
  if (!isObject(parameters) || !Array.isArray(parameters.cards)) return undefined;
  const cards = parameters.cards.filter(isObject).flatMap((card) =>
    text(card.title) ? [{ title: text(card.title)!, ...(text(card.excerpt) && { excerpt: text(card.excerpt)! }), ...(text(card.link) && { link: text(card.link)! }) }] : [],
  );
  return { type: 'cards', layout: parameters.layout === 'HORIZONTAL' ? 'HORIZONTAL' : 'VERTICAL', cards };
}
