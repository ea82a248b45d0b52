import type { PublicAgent } from '../chat/state.ts';

/** Only http(s) images: an avatar URL is admin input and must never become `javascript:`. */
export function safeHttpUrl(url: string | null | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}

/** The first letter or digit of the first two words: "Ada Lovelace" → "AL". */
function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => /[\p{L}\p{N}]/u.exec(word)?.[0] ?? '')
    .filter(Boolean)
    .slice(0, 2);
  return letters.join('').toUpperCase() || '?';
}

/** The member's picture, or their initials on a tinted disc. */
export function Avatar({ agent, name, small = false }: { agent: PublicAgent | undefined; name: string; small?: boolean }) {
  const src = safeHttpUrl(agent?.avatarUrl);
  const className = small ? 'avatar small' : 'avatar';
  return src ? <img class={className} src={src} alt="" /> : <span class={className} aria-hidden="true">{initials(name)}</span>;
}
