import type { BoxType, CallbackRegistry } from '../api/callbacks.ts';
import { EMAIL_COOKIE, type CookieJar } from '../lib/cookies.ts';
import { createStore, type Store } from '../lib/store.ts';
import { Timers } from '../lib/timers.ts';
import { applyEvent, postChatAfter, type Effect } from './apply-event.ts';
import type { WidgetHttpApi } from './http-api.ts';
import { RequestError, type EventFrame, type MessageContent, type ReadyFrame, type SignalFrame, type WireConversation, type WireMessage } from './protocol.ts';
import { RealtimeClient } from './realtime.ts';
import type { SessionStore } from './session.ts';
import { transcriptRefusal } from './transcript-refusal.ts';
import { TypingReporter } from './typing-reporter.ts';
import { initialState, isChatLive, localAgentLine, screenOf, soundsOn, type Invitation, type Prefill, type WidgetState } from './state.ts';

export interface ControllerDeps {
  widgetId: string;
  /** e.g. https://chat.example.com: where the script came from. */
  baseUrl: string;
  win: Window;
  http: WidgetHttpApi;
  cookies: CookieJar;
  /** The saved session of a widget (switchWidget moves to another one). */
  sessionFor: (widgetId: string) => SessionStore;
  callbacks: CallbackRegistry;
  chime: () => void;
  prefill: Prefill;
  /** The visitor closed a chat window (proactive rules hold back invitations for a while). */
  onBoxClosed: () => void;
}

export interface ChatForm {
  name?: string;
  email?: string;
  message?: string;
}

/** How long an agent's "typing" shows without a new signal (a lost "stopped" signal must not leave it forever). */
const TYPING_SHOWN_MS = 8_000;

/**
 * The visitor's side of a chat: loads the widget, talks to the realtime gateway, keeps the state
 * the UI draws, remembers the session across pages and fires the page's callbacks.
 */
export class WidgetController {
  readonly store: Store<WidgetState>;
  private session: SessionStore;
  private client: RealtimeClient | undefined;
  private lastEventId = 0;
  /** History replayed after a page change already fired its callbacks on the page it happened. */
  private quiet = false;
  private lastRating: number | undefined;
  private readonly typingReporter = new TypingReporter((signal) => {
    const { conversationId } = this.state;
    if (conversationId) this.client?.notify({ type: 'typing', conversationId, ...signal });
  });
  private readSeq = 0;
  /** This page was reported to the agent (once per page load, not on every reconnect). */
  private pageReported = false;
  private readonly timers = new Timers();

  constructor(private readonly deps: ControllerDeps) {
    this.session = deps.sessionFor(deps.widgetId);
    this.store = createStore(initialState(deps.widgetId, deps.prefill, undefined));
  }

  get state(): WidgetState {
    return this.store.get();
  }

  get status(): 'online' | 'offline' {
    return this.state.online ? 'online' : 'offline';
  }

  // ---- Loading and switching widgets ------------------------------------------------------

  /** Fetches the widget's configuration and resumes a conversation kept from an earlier page. */
  async load(): Promise<void> {
    const config = await this.deps.http.widget(this.state.widgetId);
    const saved = this.session.load();
    if (!saved.entryUrl) this.session.save({ entryUrl: this.deps.win.location.href });
    this.store.set({ config, online: config.online });
    if (saved.conversationId) {
      this.store.set({ conversationId: saved.conversationId, chatType: saved.chatType ?? 'manual', status: 'open', panelOpen: saved.panelOpen ?? false });
      this.quiet = true;
      this.socket().connect();
    }
  }

  /** Re-reads whether the widget takes chats now (getAgentStatusAsync). */
  async refreshStatus(): Promise<boolean> {
    const config = await this.deps.http.widget(this.state.widgetId);
    this.store.set({ config, online: config.online });
    return config.online;
  }

  /** switchWidget: another widget of the site takes over, unless a chat is going on. */
  async switchWidget(widgetId: string): Promise<void> {
    if (isChatLive(this.state)) throw new Error('a chat is going on');
    const config = await this.deps.http.widget(widgetId);
    this.client?.close();
    this.client = undefined;
    this.session = this.deps.sessionFor(widgetId);
    this.newChat();
    this.store.set({ widgetId, config, online: config.online, invitation: undefined });
    this.deps.callbacks.emit('SwitchWidget', widgetId);
  }

  // ---- The box -----------------------------------------------------------------------------

  boxType(): BoxType {
    const screen = screenOf(this.state);
    if (screen === 'invitation') return 'proactiveInvite';
    if (screen === 'chat') return this.state.chatType === 'proactive' ? 'proactive' : 'chatManual';
    return screen === 'prechat' ? 'prechat' : 'offline';
  }

  /** The launcher, startLink(), or an invitation the visitor clicks. */
  open(): void {
    if (this.state.panelOpen) return;
    this.store.set({ panelOpen: true, unread: 0 });
    this.session.save({ panelOpen: true });
    if (isChatLive(this.state)) this.deps.callbacks.emit('Minimize', false, this.state.chatType, this.boxType());
    else this.deps.callbacks.emit('Open', this.status);
    this.markRead();
  }

  minimize(): void {
    if (!this.state.panelOpen) return;
    this.store.set({ panelOpen: false });
    this.session.save({ panelOpen: false });
    this.deps.callbacks.emit('Minimize', true, this.state.chatType, this.boxType());
  }

  /** The close button of a form, an invitation or a finished chat (a live chat is ended first: endChat). */
  closeBox(): void {
    const screen = screenOf(this.state);
    const type = screen === 'invitation' ? 'proactive' : screen === 'chat' ? 'chat' : 'form';
    this.hide();
    this.deps.onBoxClosed();
    this.deps.callbacks.emit('Close', type, this.status);
  }

  /** Closes the box without a callback (endChat({closeChatBox: true})); a finished chat is cleared. */
  hide(): void {
    this.store.set({ panelOpen: false, invitation: undefined });
    this.session.save({ panelOpen: false });
    if (this.state.status === 'closed' || this.state.offlineSentTo !== undefined) this.newChat();
  }

  showInvitation(invitation: Invitation): void {
    this.store.set({ invitation, panelOpen: !invitation.minimized });
    this.deps.callbacks.emit('OpenProactive', invitation.agent?.alias ?? '', invitation.message);
  }

  dismissInvitation(): void {
    this.store.set({ invitation: undefined, panelOpen: false });
  }

  /** Back to an empty box after a finished chat or a sent offline message. */
  newChat(): void {
    this.timers.cancel('agent-typing');
    this.session.save({ conversationId: undefined, chatType: undefined });
    this.lastRating = undefined;
    this.store.set({ conversationId: undefined, status: 'none', lines: [], agent: undefined, postChat: 'none', offlineSentTo: undefined, transcriptSentTo: undefined, readUpToSeq: 0, error: undefined });
  }

  // ---- The chat ----------------------------------------------------------------------------

  /** The prechat or offline form, an answer to an invitation, or the first line typed without a form. */
  async startChat(form: ChatForm): Promise<void> {
    const { invitation, prefill } = this.state;
    const chatType = invitation?.chatType ?? 'manual';
    const email = form.email?.trim() || prefill.email;
    const name = form.name?.trim() || prefill.name;
    const message = form.message?.trim() ?? '';
    if (email) {
      this.deps.cookies.set(EMAIL_COOKIE, email);
      // The address given for this chat: the one its transcript may go to.
      this.store.set({ prefill: { ...prefill, email } });
    }
    const location = this.deps.win.location;
    const referrer = this.deps.win.document.referrer;
    const ack = await this.request({
      type: 'start_chat',
      widgetId: this.state.widgetId,
      source: chatType,
      ...(message && { message }),
      ...(name && { name }),
      ...(email && { email }),
      pageUrl: location.href,
      entryUrl: this.session.load().entryUrl ?? location.href,
      ...(/^https?:/.test(referrer) && { referrerUrl: referrer }),
      locale: this.state.locale || this.deps.win.navigator.language,
      ...(Object.keys(prefill.customFields).length > 0 && { customFields: prefill.customFields }),
    });
    if (!ack) return;
    const conversation = ack.conversation as WireConversation;
    if (ack.offline) {
      this.store.set({ offlineSentTo: email, invitation: undefined });
      this.deps.callbacks.emit('MessageSubmit', email, message);
      return;
    }
    this.quiet = false;
    this.session.save({ conversationId: conversation.id, chatType, panelOpen: true });
    this.store.set({ conversationId: conversation.id, status: conversation.status, chatType, invitation: undefined, lines: invitation ? [localAgentLine('invitation', invitation.agent, invitation.message)] : [] });
    this.deps.callbacks.emit('StartChat', email, message, chatType);
    if (chatType === 'proactive' && invitation) void this.noteForAgents(`Proactive invitation: ${invitation.message}`);
  }

  async sendMessage(text: string): Promise<boolean> {
    const body = text.trim();
    if (!body) return false;
    const conversationId = this.state.conversationId;
    if (!conversationId) {
      await this.startChat({ message: body });
      return this.state.error === undefined;
    }
    this.typingReporter.stop();
    const ack = await this.request({ type: 'send_message', conversationId, body });
    if (!ack) return false;
    const message = ack.message as WireMessage;
    this.store.set({ lines: this.state.lines.some((l) => l.id === message.id) ? this.state.lines : [...this.state.lines, { type: 'message', id: message.id, message }] });
    this.deps.callbacks.emit('ChatMessageSent', body);
    return true;
  }

  /** Every keystroke in the message field: the agent sees a live preview while the visitor types. */
  typing(text: string): void {
    if (isChatLive(this.state)) this.typingReporter.typed(text);
  }

  async endChat(): Promise<void> {
    const conversationId = this.state.conversationId;
    if (conversationId && isChatLive(this.state)) await this.request({ type: 'close', conversationId });
  }

  /** A bot's quick reply: the page hears the click, the bot hears the button's text as the visitor's answer. */
  async clickButton(message: WireMessage, button: NonNullable<MessageContent['buttons']>[number]): Promise<void> {
    this.deps.callbacks.emit('InlineButtonClicked', { botName: message.senderName ?? '', buttonLabel: button.text, buttonValue: button.id ?? button.text });
    await this.sendMessage(button.text);
  }

  async upload(file: File): Promise<void> {
    const { conversationId } = this.state;
    const token = this.session.load().visitorToken;
    if (!conversationId || !token) return;
    try {
      this.store.set({ error: undefined });
      await this.deps.http.upload(conversationId, token, file);
    } catch {
      this.store.set({ error: 'uploadFailed' });
    }
  }

  attachment(attachmentId: string): Promise<Blob> {
    return this.deps.http.attachment(attachmentId, this.session.load().visitorToken ?? '');
  }

  /** The visitor picked a score on the scale the widget shows; STAR (1-5) is stored on the 1-10 scale. */
  async rate(selected: number): Promise<void> {
    const scale = this.state.config?.settings.rating.scale ?? 'STAR';
    this.deps.callbacks.emit('RatingPromptClicked', this.state.agent?.alias ?? '', scale, selected);
    this.lastRating = scale === 'STAR' ? selected * 2 : selected;
    const conversationId = this.state.conversationId;
    if (conversationId && (await this.request({ type: 'rate', conversationId, rating: this.lastRating }))) {
      this.store.set({ postChat: postChatAfter('rated', this.state) });
    }
  }

  async sendSurvey(comment: string): Promise<void> {
    const conversationId = this.state.conversationId;
    const text = comment.trim();
    if (conversationId && this.lastRating !== undefined && text) await this.request({ type: 'rate', conversationId, rating: this.lastRating, comment: text });
    this.store.set({ postChat: 'done' });
  }

  /** Only to the address the visitor gave for the chat: the server refuses any other, and says when the limits or a switch stop it. */
  async requestTranscript(email: string): Promise<void> {
    const { conversationId } = this.state;
    const token = this.session.load().visitorToken;
    if (!conversationId || !token) return;
    try {
      await this.deps.http.requestTranscript(conversationId, token, email.trim());
      this.store.set({ transcriptSentTo: email.trim(), error: undefined });
    } catch (error) {
      this.store.set({ error: transcriptRefusal(error) });
    }
  }

  /** sendTextToChat(text): a line only the agents see. */
  async noteForAgents(text: string): Promise<void> {
    const { conversationId } = this.state;
    const token = this.session.load().visitorToken;
    if (conversationId && token) await this.deps.http.noteForAgents(conversationId, token, text).catch(() => {});
  }

  /** sendTextToChat(text, 'visitor'): a line shown to the visitor as if from the agent, kept on this page only. */
  showToVisitor(text: string): void {
    const line = localAgentLine(`local-${Date.now()}-${this.state.lines.length}`, this.state.agent ?? this.state.config?.agents[0], text);
    this.store.set({ lines: [...this.state.lines, line] });
  }

  /** A page change inside the site (or a single-page app's route change) for the agent's page history. */
  reportPage(): void {
    const { conversationId } = this.state;
    const { href } = this.deps.win.location;
    if (conversationId && isChatLive(this.state) && /^https?:/.test(href)) {
      this.pageReported = true;
      void this.request({ type: 'page_view', conversationId, url: href, title: this.deps.win.document.title.slice(0, 1000) });
    }
  }

  /** Forget the visitor: clearAllCookies also ends the stored session (the reference keeps its visitor identity in cookies). */
  forgetVisitor(): void {
    this.client?.close();
    this.client = undefined;
    this.newChat();
    this.session.clear();
  }

  // ---- The socket --------------------------------------------------------------------------

  private socket(): RealtimeClient {
    this.client ??= new RealtimeClient(
      `${this.deps.baseUrl.replace(/^http/, 'ws')}/realtime`,
      () => ({ type: 'auth', role: 'visitor', widgetId: this.state.widgetId, ...(this.session.load().visitorToken && { visitorToken: this.session.load().visitorToken }) }),
      {
        ready: (frame) => void this.authenticated(frame),
        event: (frame) => this.receive(frame),
        signal: (frame) => this.signal(frame),
        state: (connection) => this.store.set({ connection }),
      },
    );
    return this.client;
  }

  /** Sends an action; a refusal or a dropped connection shows a notice instead of throwing into the UI. */
  private async request(frame: Record<string, unknown> & { type: string }) {
    try {
      this.store.set({ error: undefined });
      return await this.socket().request(frame);
    } catch {
      this.store.set({ error: 'failed' });
      return undefined;
    }
  }

  private async authenticated(frame: ReadyFrame): Promise<void> {
    this.session.save({ visitorToken: frame.visitorToken });
    const conversationId = this.state.conversationId;
    if (!conversationId) return;
    try {
      await this.client!.request({ type: 'subscribe', topic: 'conversation', conversationId, afterEventId: this.lastEventId });
      this.quiet = false;
      if (!this.pageReported) this.reportPage();
      this.markRead();
    } catch (error) {
      // The conversation is gone (another visitor's token, a cleared database): start afresh.
      // A dropped connection is not that: the next authentication subscribes again.
      if (error instanceof RequestError && error.code === 'not_found') {
        this.quiet = false;
        this.newChat();
      }
    }
  }

  private receive(frame: EventFrame): void {
    if (frame.conversationId !== this.state.conversationId || frame.eventId <= this.lastEventId) return;
    this.lastEventId = frame.eventId;
    const { patch, effects } = applyEvent(this.state, frame);
    this.store.set(patch);
    if (!this.quiet) effects.forEach((effect) => this.perform(effect));
    this.markRead();
  }

  private perform(effect: Effect): void {
    if (effect.type === 'ended') return this.deps.callbacks.emit('ChatEnded', { endedByUser: effect.endedByUser });
    // Only live events get here (replays are quiet), so a reload on the new page does not navigate again.
    if (effect.type === 'navigate') return this.deps.win.location.assign(effect.url);
    if (soundsOn(this.state)) this.deps.chime();
    this.deps.callbacks.emit('ChatMessageReceived', effect.from, effect.text);
  }

  private signal(frame: SignalFrame): void {
    if (frame.name !== 'agent.typing' || frame.conversationId !== this.state.conversationId) return;
    const isTyping = frame.data.isTyping === true;
    this.store.set({ agentTyping: isTyping });
    if (isTyping) this.timers.start('agent-typing', TYPING_SHOWN_MS, () => this.store.set({ agentTyping: false }));
  }

  /** Read receipts for the agent, once the visitor can see the messages. */
  private markRead(): void {
    const { conversationId, panelOpen, lines } = this.state;
    if (!conversationId || !panelOpen || !this.client?.isReady) return;
    const lastSeq = Math.max(0, ...lines.map((line) => (line.type === 'message' && line.message.senderType !== 'visitor' ? line.message.seq : 0)));
    if (lastSeq > this.readSeq) {
      this.readSeq = lastSeq;
      this.client.notify({ type: 'read', conversationId, upToSeq: lastSeq });
    }
  }
}
