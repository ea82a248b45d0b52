import { useEffect, useState } from 'preact/hooks';
import { errorText } from './format.ts';

export type Resource<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Loads something for a screen and reloads on demand (after a change was saved). */
export function useResource<T>(load: () => Promise<T>, deps: unknown[] = []) {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let alive = true;
    load().then(
      (value) => alive && setResource({ status: 'ready', value }),
      (error) => alive && setResource({ status: 'error', message: errorText(error) }),
    );
    return () => void (alive = false);
  }, [...deps, version]);
  return { resource, reload: () => setVersion((v) => v + 1) };
}
