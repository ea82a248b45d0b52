import { describe, expect, it, vi } from 'vitest';
import { checkUiSettings, DEFAULT_UI_SETTINGS, readUiSettings } from '../../server/core/commands/widget-ui-settings.ts';
import { isHostAllowed } from '../../server/core/queries/public-widget.ts';
import { hostOf } from '../../server/http/routes/widget/host-of.ts';
import { CALLBACK_CONSTANTS, CallbackRegistry, callbackName } from '../../widget/src/api/callbacks.ts';
import { applyEvent } from '../../widget/src/chat/apply-event.ts';
import { transcriptRefusal } from '../../widget/src/chat/transcript-refusal.ts';
import { mayInvite, minutesToMs } from '../../widget/src/chat/proactive.ts';
import { browserSession, type KeyValueStorage } from '../../widget/src/chat/session.ts';
import { TypingReporter, type TypingSignal } from '../../widget/src/chat/typing-reporter.ts';
import { RequestError, type EventFrame } from '../../widget/src/chat/protocol.ts';
import { initialState, type PublicWidgetConfig, type WidgetState } from '../../widget/src/chat/state.ts';
import { catalogues } from '../../widget/src/i18n/catalogues.ts';
import { en } from '../../widget/src/i18n/en.ts';
import { addCatalogue, LANGUAGES, resolveLanguage, translator } from '../../widget/src/i18n/index.ts';
import { browserCookies, cookieAssignment, readCookie } from '../../widget/src/lib/cookies.ts';
import { textColorOn } from '../../widget/src/ui/contrast.ts';

/** Pure widget logic, without a browser; what the pages do is in the Chromium tests next to this file. */

describe('callback registry (SnapEngage.setCallback)', () => {
  it('matches names without regard to case, replaces, and clears with an empty string', () => {
    const registry = new CallbackRegistry();
    const calls: unknown[][] = [];
    expect(registry.set('startcallme', (phone: string) => calls.push(['first', phone]))).toBe(true);
    registry.emit('StartCallme', '555-1234');
    registry.set('StartCallMe', (phone: string) => calls.push(['second', phone]));
    registry.emit('StartCallme', '555-9876');
    registry.set('STARTCALLME', '');
    registry.emit('StartCallme', 'never heard');
    expect(calls).toEqual([
      ['first', '555-1234'],
      ['second', '555-9876'],
    ]);
  });

  it('knows all 13 events, CHAT_ENDED included, and warns about others', () => {
    const warnings: string[] = [];
    const registry = new CallbackRegistry((message) => warnings.push(message));
    const names = ['Close', 'ChatMessageReceived', 'ChatMessageSent', 'MessageSubmit', 'Minimize', 'Open', 'OpenProactive', 'StartChat', 'StartCallme', 'SwitchWidget', 'InlineButtonClicked', CALLBACK_CONSTANTS.CHAT_ENDED, 'RatingPromptClicked'];
    expect(names.map(callbackName)).toEqual(names);
    expect(registry.set('ChatStarted', () => {})).toBe(false);
    expect(warnings).toEqual(['SnapEngage.setCallback: unknown event "ChatStarted"']);
  });

  it('passes the documented arguments in order and survives a handler that throws', () => {
    const warnings: string[] = [];
    const registry = new CallbackRegistry((message) => warnings.push(message));
    const minimize = vi.fn();
    registry.set('Minimize', minimize);
    registry.set('Open', () => {
      throw new Error('page bug');
    });
    registry.emit('Minimize', true, 'proactive', 'proactiveInvite');
    expect(() => registry.emit('Open', 'online')).not.toThrow();
    expect(minimize).toHaveBeenCalledWith(true, 'proactive', 'proactiveInvite');
    expect(warnings).toEqual(['SnapEngage Open callback failed: page bug']);
  });
});

describe('translations', () => {
  it('picks the base language of SnapEngage codes and browser tags, English otherwise', () => {
    expect(['de', 'de-AT', 'fr_CA', 'NL', 'es-419', 'ja', 'zh_TW', '', undefined].map(resolveLanguage)).toEqual(['de', 'de', 'fr', 'nl', 'es', 'en', 'en', 'en', 'en']);
  });

  it('speaks English until a language is loaded, then fills placeholders in it, falling back key by key', () => {
    expect(translator('fr')('typing', { name: 'Ada' })).toBe('Ada is typing…');
    addCatalogue('fr', catalogues.fr);
    addCatalogue('de', catalogues.de);
    expect(translator('fr')('typing', { name: 'Ada' })).toBe('Ada écrit…');
    expect(translator('de')('rateStar', { n: 4 })).toBe('4 von 5 Sternen');
    addCatalogue('xx', { send: 'Xend' });
    expect([translator('xx')('send'), translator('xx')('close')]).toEqual(['Xend', 'Close']);
    expect(translator('en')('typing')).toBe('{name} is typing…');
  });

  it('ships a complete file for every language it offers', () => {
    expect(['en', ...Object.keys(catalogues)].sort()).toEqual([...LANGUAGES].sort());
    for (const messages of Object.values(catalogues)) expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });
});

describe('cookies', () => {
  it('reads a cookie by exact name, decoded', () => {
    const jar = 'SnapABugUserEmailX=wrong; SnapABugUserEmail=vera%40example.com; other=1';
    expect(readCookie(jar, 'SnapABugUserEmail')).toBe('vera@example.com');
    expect(readCookie(jar, 'missing')).toBeUndefined();
    expect(readCookie('broken=%E0%A4%A', 'broken')).toBeUndefined();
  });

  it('writes site-wide cookies: a year by default, session cookies for 0, deletion for negative ages', () => {
    expect(cookieAssignment('SnapABugUserAlias', 'Vera Ø')).toBe('SnapABugUserAlias=Vera%20%C3%98; path=/; SameSite=Lax; max-age=31536000');
    expect(cookieAssignment('SnapABugNoProactive', '1', { maxAgeSeconds: 0 })).toBe('SnapABugNoProactive=1; path=/; SameSite=Lax');
    expect(cookieAssignment('x', '', { maxAgeSeconds: -1, secure: true })).toBe('x=; path=/; SameSite=Lax; max-age=0; Secure');
  });

  it('marks cookies Secure on https pages', () => {
    const doc = { cookie: '', location: { protocol: 'https:' } };
    browserCookies(doc).set('SnapABugNoProactive', '1', 1800);
    expect(doc.cookie).toBe('SnapABugNoProactive=1; path=/; SameSite=Lax; max-age=1800; Secure');
  });
});

describe('the saved session', () => {
  /** A Storage that keeps items in a Map, optionally refusing writes like a full or blocked localStorage. */
  function fakeStorage(refuseWrites = false) {
    const items = new Map<string, string>();
    const storage: KeyValueStorage = {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => {
        if (refuseWrites) throw new Error('QuotaExceededError');
        items.set(key, value);
      },
      removeItem: (key) => void items.delete(key),
    };
    return { items, storage };
  }

  it('keeps one JSON document per widget and merges saves', () => {
    const { items, storage } = fakeStorage();
    const session = browserSession(storage, 'w1');
    session.save({ visitorToken: 't' });
    session.save({ conversationId: 'c' });
    expect(JSON.parse(items.get('switchboard.widget.w1')!)).toEqual({ visitorToken: 't', conversationId: 'c' });
    session.clear();
    expect([items.size, session.load()]).toEqual([0, {}]);
  });

  it('falls back to memory when there is no storage or it refuses writes', () => {
    for (const storage of [undefined, fakeStorage(true).storage]) {
      const session = browserSession(storage, 'w1');
      session.save({ visitorToken: 't' });
      session.save({ panelOpen: true });
      expect(session.load()).toEqual({ visitorToken: 't', panelOpen: true });
    }
  });
});

describe('typing signals', () => {
  it('previews at most every 400 ms, always sends the last text, and stops once when idle', () => {
    vi.useFakeTimers();
    try {
      const sent: TypingSignal[] = [];
      const reporter = new TypingReporter((signal) => sent.push(signal));
      reporter.typed('H');
      vi.advanceTimersByTime(0);
      reporter.typed('He');
      vi.advanceTimersByTime(100);
      reporter.typed('Hel');
      expect(sent).toEqual([{ isTyping: true, preview: 'H' }]);
      vi.advanceTimersByTime(300);
      expect(sent.at(-1)).toEqual({ isTyping: true, preview: 'Hel' });
      vi.advanceTimersByTime(3_000);
      expect(sent.at(-1)).toEqual({ isTyping: false });
      reporter.stop();
      expect(sent).toHaveLength(3);
      reporter.typed('x');
      reporter.typed('');
      expect(sent.slice(-1)).toEqual([{ isTyping: false }]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('proactive rules', () => {
  const gate = { widgetEnabled: true, pageAllows: true, coolingDown: false, online: true, busy: false };

  it('invites only when every rule allows it; forcing skips the widget, page and cooldown rules only', () => {
    expect(mayInvite(gate)).toBe(true);
    for (const blocked of [{ widgetEnabled: false }, { pageAllows: false }, { coolingDown: true }]) {
      expect(mayInvite({ ...gate, ...blocked })).toBe(false);
      expect(mayInvite({ ...gate, ...blocked }, true)).toBe(true);
    }
    expect(mayInvite({ ...gate, online: false }, true)).toBe(false);
    expect(mayInvite({ ...gate, busy: true }, true)).toBe(false);
  });

  it('takes minutes as the API does: decimals, numeric strings, nothing negative', () => {
    expect([0.5, 2, '10', 0, -1, 'soon', undefined].map(minutesToMs)).toEqual([30_000, 120_000, 600_000, 0, undefined, undefined, undefined]);
  });
});

describe('conversation events on the visitor side', () => {
  const config: PublicWidgetConfig = {
    id: 'w',
    name: 'Support',
    online: true,
    emailRequired: false,
    messageRequired: false,
    proactiveEnabled: false,
    agents: [{ id: 'u1', alias: 'Ada', avatarUrl: null, bot: false }],
    settings: DEFAULT_UI_SETTINGS,
  };
  const base = (): WidgetState => ({ ...initialState('w', { name: '', email: '', emailLocked: false, message: '', customFields: {} }, 'en'), config, conversationId: 'c1', status: 'queued' });
  const event = (eventId: number, name: string, data: Record<string, unknown>): EventFrame => ({ type: 'event', eventId, name, occurredAt: '', conversationId: 'c1', data });
  const message = (id: string, senderType: string, body: string) => ({ message: { id, seq: 1, conversationId: 'c1', senderType, senderId: 'u1', senderName: 'Ada', kind: 'text', body, content: null, createdAt: '' } });

  it('names the agent who joined, counts unread lines while minimized, and ignores a replayed duplicate', () => {
    let state = base();
    const assigned = applyEvent(state, event(1, 'conversation.assigned', { assignee: { type: 'user', id: 'u1' } }));
    state = { ...state, ...assigned.patch };
    expect(state.agent?.alias).toBe('Ada');
    expect(state.lines).toEqual([{ type: 'notice', id: 'e1', key: 'agentJoined', values: { name: 'Ada' } }]);
    const received = applyEvent(state, event(2, 'message.created', message('m1', 'agent', 'Hi')));
    expect(received.effects).toEqual([{ type: 'received', from: 'Ada', text: 'Hi' }]);
    state = { ...state, ...received.patch };
    expect(state.unread).toBe(1);
    expect(applyEvent(state, event(3, 'message.created', message('m1', 'agent', 'Hi')))).toEqual({ patch: {}, effects: [] });
  });

  it("follows a bot's GOTO to a web address only, and never an agent's message that looks like one", () => {
    const goto = (senderType: string, url: string) => {
      const created = message('m9', senderType, url);
      return event(9, 'message.created', { message: { ...created.message, content: { event: { name: 'goto', data: { url } } } } });
    };
    expect(applyEvent(base(), goto('bot', 'https://shop.example/sizes')).effects).toEqual([
      { type: 'received', from: 'Ada', text: 'https://shop.example/sizes' },
      { type: 'navigate', url: 'https://shop.example/sizes' },
    ]);
    expect(applyEvent(base(), goto('bot', 'javascript:alert(1)')).effects.map((e) => e.type)).toEqual(['received']);
    expect(applyEvent(base(), goto('agent', 'https://shop.example/sizes')).effects.map((e) => e.type)).toEqual(['received']);
  });

  it('after the close asks for the rating, then the survey; ChatEnded says who ended it', () => {
    let state = base();
    const closed = applyEvent(state, event(4, 'conversation.closed', { closedBy: 'agent' }));
    expect(closed.effects).toEqual([{ type: 'ended', endedByUser: false }]);
    state = { ...state, ...closed.patch };
    expect([state.status, state.postChat]).toEqual(['closed', 'rating']);
    state = { ...state, ...applyEvent(state, event(5, 'conversation.rated', { rating: 8, comment: null })).patch };
    expect(state.postChat).toBe('survey');
    state = { ...state, ...applyEvent(state, event(6, 'conversation.rated', { rating: 8, comment: 'Great' })).patch };
    expect(state.postChat).toBe('done');
  });
});

describe('text on the widget colour', () => {
  it('is white on dark colours and near-black on light ones', () => {
    expect(['#2458e6', '#1f6f4a', '#000000', '#ffd400', '#ffffff', '#7fd1ff'].map(textColorOn)).toEqual(['#ffffff', '#ffffff', '#ffffff', '#111827', '#111827', '#111827']);
  });
});

describe('widget ui settings (server side)', () => {
  it('fills defaults and refuses wrong values and unknown fields by name', () => {
    expect(checkUiSettings({})).toEqual(DEFAULT_UI_SETTINGS);
    expect(checkUiSettings({ rating: { scale: 'NUMBER' } }).rating).toEqual({ enabled: true, scale: 'NUMBER' });
    expect(() => checkUiSettings({ color: 'red' })).toThrow('color must be a colour like #2458e6');
    expect(() => checkUiSettings({ proactive: { delay: 3 } })).toThrow('proactive.delay is not a widget setting');
    expect(() => checkUiSettings({ prechat: true })).toThrow('prechat must be an object');
    expect(() => checkUiSettings([])).toThrow('settings must be an object');
  });

  it('reads stored documents leniently, keeping what is still valid', () => {
    expect(readUiSettings({ language: 'de', sounds: 'yes', proactive: { delaySeconds: 10 } })).toEqual({
      ...DEFAULT_UI_SETTINGS,
      language: 'de',
      proactive: { ...DEFAULT_UI_SETTINGS.proactive, delaySeconds: 10 },
    });
    expect(readUiSettings(null)).toEqual(DEFAULT_UI_SETTINGS);
  });

  it('allows a domain and its subdomains, everything when the list is empty', () => {
    expect(isHostAllowed([], 'any.example')).toBe(true);
    expect(isHostAllowed(['acme.example'], 'shop.acme.example')).toBe(true);
    expect(isHostAllowed(['acme.example'], 'ACME.example')).toBe(true);
    expect(isHostAllowed(['acme.example'], 'evilacme.example')).toBe(false);
  });

  it('reads the host from Origin and Referer headers, and nothing from opaque or broken ones', () => {
    expect([hostOf('https://Shop.Acme.example:8443/cart?x=1'), hostOf('http://127.0.0.1:4000'), hostOf('null'), hostOf('not a url'), hostOf(undefined)]).toEqual([
      'shop.acme.example',
      '127.0.0.1',
      undefined,
      undefined,
      undefined,
    ]);
  });
});

describe('transcript refusals', () => {
  it('words each refusal the server gives: another address, a switch, the limits, a bad address', () => {
    const refusals = [
      new RequestError('forbidden', 'a transcript goes only to the e-mail address given for this chat', 'email'),
      new RequestError('forbidden', 'transcripts by e-mail are switched off for this organization'),
      new RequestError('rate_limited', 'at most 3 transcript e-mail(s) may be requested for one chat'),
      new RequestError('invalid', 'email must be a valid email', 'email'),
      new RequestError('http', 'HTTP 502'),
      new Error('offline'),
    ];
    expect(refusals.map((error) => en[transcriptRefusal(error)])).toEqual([
      'We can only send the transcript to the e-mail address you gave for this chat.',
      'Transcripts by e-mail are not available.',
      'No more transcripts can be sent for this chat right now. Please try again later.',
      'Please enter a valid e-mail address.',
      'Something went wrong. Please try again.',
      'Something went wrong. Please try again.',
    ]);
  });
});
