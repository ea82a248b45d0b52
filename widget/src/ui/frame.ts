import { STYLES } from './styles.ts';

/** What the iframe shows, which decides its size on the host page. */
export type FrameMode = 'hidden' | 'launcher' | 'bubble' | 'panel';

export interface WidgetFrame {
  iframe: HTMLIFrameElement;
  /** `#main-mobile`: the element the mobile SDKs inject their CSS next to, and our render root. */
  root: HTMLElement;
  layout(mode: FrameMode, side: 'left' | 'right'): void;
}

/** Below this viewport width the open box takes the whole screen. */
const FULL_SCREEN_BELOW = 480;
const PANEL = { width: 400, height: 680, margin: 24, launcher: 100 };

/**
 * The iframe's own rules: no script may run inside it (ours runs in the page and only draws
 * into it), images only from our server, data:/blob: (files sent in the chat) or https avatars.
 */
function contentSecurityPolicy(baseUrl: string): string {
  return [`default-src 'none'`, `style-src 'unsafe-inline'`, `img-src ${baseUrl} data: blob: https:`, `script-src 'none'`, `form-action 'none'`, `base-uri 'none'`].join('; ');
}

function sizeFor(mode: FrameMode, viewportWidth: number, viewportHeight: number): { width: string; height: string } {
  if (mode === 'hidden') return { width: '0', height: '0' };
  if (mode === 'launcher') return { width: `${PANEL.launcher}px`, height: `${PANEL.launcher}px` };
  if (mode === 'bubble') return { width: `${Math.min(380, viewportWidth)}px`, height: '260px' };
  if (viewportWidth < FULL_SCREEN_BELOW) return { width: '100%', height: '100%' };
  return { width: `${PANEL.width + 2 * PANEL.margin}px`, height: `${Math.min(PANEL.height + PANEL.launcher, viewportHeight)}px` };
}

/**
 * The chat lives in a same-origin iframe with id `designstudio-iframe` (the mobile SDKs look it
 * up by that id): the host page's CSS cannot reach inside, and ours cannot leak out. Its
 * document is written here, so it exists at once, without a second request.
 */
export function createFrame(host: Document, baseUrl: string): WidgetFrame {
  const iframe = host.createElement('iframe');
  iframe.id = 'designstudio-iframe';
  iframe.title = 'Chat';
  iframe.setAttribute('allowtransparency', 'true');
  host.body.appendChild(iframe);
  const doc = iframe.contentDocument!;
  doc.open();
  doc.write(
    `<!doctype html><html><head><meta charset="utf-8">` +
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(baseUrl)}">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLES}</style></head>` +
      `<body><div id="main-mobile"></div></body></html>`,
  );
  doc.close();
  const view = host.defaultView!;
  return {
    iframe,
    root: doc.getElementById('main-mobile')!,
    layout(mode, side) {
      const { width, height } = sizeFor(mode, view.innerWidth, view.innerHeight);
      // Inline and !important: the host page's own iframe rules must not move or resize the chat.
      iframe.style.cssText = [
        'position:fixed',
        'bottom:0',
        `${side}:0`,
        `width:${width}`,
        `height:${height}`,
        'max-width:100%',
        'max-height:100%',
        'border:0',
        'margin:0',
        'padding:0',
        'background:transparent',
        'color-scheme:normal',
        'z-index:2147483000',
        `display:${mode === 'hidden' ? 'none' : 'block'}`,
      ]
        .map((rule) => `${rule} !important`)
        .join(';');
    },
  };
}
