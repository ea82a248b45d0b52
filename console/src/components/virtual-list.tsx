import type { ComponentChildren } from 'preact';
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: T[];
  keyOf: (item: T) => string;
  render: (item: T, index: number) => ComponentChildren;
  /** Height guessed for rows not measured yet. */
  estimate: number;
  /** Called when the reader scrolls near the top (load older rows). */
  onNearTop?: () => void;
  /** Shown above the first row (e.g. "Loading older messages…"). */
  header?: ComponentChildren;
  label: string;
}

const OVERSCAN_PX = 600;
const BOTTOM_SLACK_PX = 48;

/** Index of the row at height `y`; `offsets` holds each row's top plus the total at the end. */
function indexAt(offsets: number[], y: number): number {
  let low = 0;
  let high = offsets.length - 2;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid + 1]! <= y) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * A chat transcript that renders only the rows near the viewport, so a conversation of
 * thousands of messages scrolls like a short one. Rows are measured after they render;
 * while the reader is at the bottom it stays there as messages stream in, otherwise the
 * row they are reading stays exactly where it was (older pages, late measurements), so
 * nothing jumps.
 */
export function VirtualList<T>({ items, keyOf, render, estimate, onNearTop, header, label }: Props<T>) {
  const viewport = useRef<HTMLDivElement>(null);
  const heights = useRef(new Map<string, number>());
  const rowElements = useRef(new Map<string, HTMLElement>());
  const stickToBottom = useRef(true);
  const anchor = useRef<{ key: string; delta: number } | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportHeight, setViewportHeight] = useState(600);
  const [measured, setMeasured] = useState(0);

  const headerHeight = header ? 40 : 0;
  const offsets = useMemo(() => {
    const result = [headerHeight];
    for (const item of items) result.push(result[result.length - 1]! + (heights.current.get(keyOf(item)) ?? estimate));
    return result;
    // `measured` changes when a row height does.
  }, [items, measured, headerHeight]);
  const total = offsets[offsets.length - 1]!;

  const first = items.length ? indexAt(offsets, Math.max(0, scrollTop - OVERSCAN_PX)) : 0;
  const last = items.length ? indexAt(offsets, scrollTop + viewportHeight + OVERSCAN_PX) : -1;

  // Measure what rendered; then put the scroll position where the reader expects it.
  useLayoutEffect(() => {
    let changed = false;
    for (const [key, element] of rowElements.current) {
      const height = element.offsetHeight;
      if (height > 0 && heights.current.get(key) !== height) {
        heights.current.set(key, height);
        changed = true;
      }
    }
    if (changed) return setMeasured((n) => n + 1);
    const element = viewport.current!;
    if (stickToBottom.current) {
      element.scrollTop = element.scrollHeight;
    } else if (anchor.current) {
      const index = items.findIndex((item) => keyOf(item) === anchor.current!.key);
      if (index >= 0) element.scrollTop = offsets[index]! - anchor.current.delta;
    }
  });

  useLayoutEffect(() => {
    const element = viewport.current!;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const onScroll = () => {
    const element = viewport.current!;
    stickToBottom.current = element.scrollTop + element.clientHeight >= element.scrollHeight - BOTTOM_SLACK_PX;
    const index = items.length ? indexAt(offsets, element.scrollTop) : -1;
    anchor.current = index >= 0 ? { key: keyOf(items[index]!), delta: offsets[index]! - element.scrollTop } : null;
    setScrollTop(element.scrollTop);
    if (element.scrollTop < OVERSCAN_PX && onNearTop) onNearTop();
  };

  // Refilled by the rows' ref callbacks on commit: only rows rendered this time get measured.
  rowElements.current.clear();
  const rows = [];
  for (let index = first; index <= last; index++) {
    const item = items[index]!;
    const key = keyOf(item);
    rows.push(
      <div
        key={key}
        class="virtual-row"
        style={{ transform: `translateY(${offsets[index]}px)` }}
        ref={(element) => {
          if (element) rowElements.current.set(key, element);
        }}
      >
        {render(item, index)}
      </div>,
    );
  }

  return (
    <div class="virtual-viewport" ref={viewport} onScroll={onScroll} role="log" aria-label={label} aria-live="polite">
      <div class="virtual-space" style={{ height: `${total}px` }}>
        {header && <div class="virtual-header">{header}</div>}
        {rows}
      </div>
    </div>
  );
}
