import type { ComponentChildren, JSX } from 'preact';
import { createStore, useStore } from './state/store.ts';

/** Client routes live under /console; the server answers every one of them with the app (deep links, reloads). */
const BASE = '/console';

const stripBase = (pathname: string) => pathname.replace(/^\/console/, '').replace(/\/+$/, '') || '/';
const currentPath = createStore(stripBase(location.pathname));
addEventListener('popstate', () => currentPath.set(stripBase(location.pathname)));

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === currentPath.get()) return;
  history[options.replace ? 'replaceState' : 'pushState'](null, '', BASE + path);
  currentPath.set(path);
}

export const usePath = () => useStore(currentPath);

/** Matches "/chats/:id" style patterns; returns the named parts or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(have[i]!);
    else if (part !== have[i]) return undefined;
  }
  return params;
}

/** An <a> that navigates without reloading, yet opens in a new tab with a modifier key like any link. */
export function Link({ href, children, ...rest }: { href: string; children: ComponentChildren } & Omit<JSX.HTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const onClick = (event: MouseEvent) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a href={BASE + href} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
