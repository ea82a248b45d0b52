/**
 * SnapEngage's JavaScript events (setCallback), with the argument order the reference documents.
 * Names are matched without regard to case ("StartCallMe" and "StartCallme" are both in the docs).
 */

export type WidgetStatus = 'online' | 'offline';
export type ChatType = 'manual' | 'proactive';
export type BoxType = 'chatManual' | 'intelliPrechat' | 'offline' | 'prechat' | 'proactive' | 'proactiveInvite';
export type RatingScale = 'NUMBER' | 'STAR';

export interface CallbackArgs {
  Close: [type: 'form' | 'chat' | 'proactive', status: WidgetStatus];
  ChatMessageReceived: [agent: string, msg: string];
  ChatMessageSent: [msg: string];
  MessageSubmit: [email: string, msg: string];
  Minimize: [isMinimized: boolean, chatType: ChatType, boxType: BoxType];
  Open: [status: WidgetStatus];
  OpenProactive: [agent: string, msg: string];
  StartChat: [email: string, msg: string, type: ChatType];
  StartCallme: [phone: string];
  SwitchWidget: [newWidgetId: string];
  InlineButtonClicked: [options: { botName: string; buttonLabel: string; buttonValue: string }];
  ChatEnded: [options: { endedByUser: boolean }];
  RatingPromptClicked: [botAlias: string, scaleType: RatingScale, selectedOption: number];
}

export type CallbackName = keyof CallbackArgs;

/** `SnapEngage.callbacks`: the reference names only CHAT_ENDED; its value is the event's name. */
export const CALLBACK_CONSTANTS = Object.freeze({ CHAT_ENDED: 'ChatEnded' as const });

const NAMES: readonly CallbackName[] = [
  'Close',
  'ChatMessageReceived',
  'ChatMessageSent',
  'MessageSubmit',
  'Minimize',
  'Open',
  'OpenProactive',
  'StartChat',
  'StartCallme',
  'SwitchWidget',
  'InlineButtonClicked',
  'ChatEnded',
  'RatingPromptClicked',
];
const byLowerCase = new Map(NAMES.map((name) => [name.toLowerCase(), name]));

/** The canonical name for what a page passed, or undefined when it names no event. */
export function callbackName(name: unknown): CallbackName | undefined {
  return typeof name === 'string' ? byLowerCase.get(name.toLowerCase()) : undefined;
}

type Handler = (...args: never[]) => unknown;

/** One handler per event, as in SnapEngage: setting again replaces, `''` (or any non-function) clears. */
export class CallbackRegistry {
  private readonly handlers = new Map<CallbackName, Handler>();

  constructor(private readonly warn: (message: string) => void = () => {}) {}

  /** Returns false, with a console warning, for names that are no event. */
  set(name: unknown, handler: unknown): boolean {
    const known = callbackName(name);
    if (!known) {
      this.warn(`SnapEngage.setCallback: unknown event "${String(name)}"`);
      return false;
    }
    if (typeof handler === 'function') this.handlers.set(known, handler as Handler);
    else this.handlers.delete(known);
    return true;
  }

  /** Calls the page's handler; a handler that throws is reported and never breaks the chat. */
  emit<N extends CallbackName>(name: N, ...args: CallbackArgs[N]): void {
    const handler = this.handlers.get(name) as ((...a: CallbackArgs[N]) => unknown) | undefined;
    if (!handler) return;
    try {
      handler(...args);
    } catch (error) {
      this.warn(`SnapEngage ${name} callback failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
