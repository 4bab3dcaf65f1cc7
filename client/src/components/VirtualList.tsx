import { type ReactNode, useLayoutEffect, useRef, useState } from 'react';

type Props<T> = {
  items: readonly T[];
  /** Every row has this height (px); rows clamp their text to fit. */
  rowHeight: number;
  keyOf: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  className?: string;
  label: string;
};

const OVERSCAN = 6;

/** The part of the window (top and bottom, px) where the list can show: the window, or the panel it scrolls in. */
function viewport(list: HTMLElement): { top: number; bottom: number } {
  for (let el = list.parentElement; el && el !== document.body; el = el.parentElement) {
    const overflow = getComputedStyle(el).overflowY;
    if (overflow === 'auto' || overflow === 'scroll') {
      const box = el.getBoundingClientRect();
      return { top: Math.max(0, box.top), bottom: Math.min(window.innerHeight, box.bottom) };
    }
  }
  return { top: 0, bottom: window.innerHeight };
}

/**
 * A list that renders only the rows in (and near) view, scrolling with the page or inside its
 * panel (an office screen's board): a board of 3,000 sites keeps a few dozen rows in the DOM.
 * Rows have one fixed height.
 */
export function VirtualList<T>({ items, rowHeight, keyOf, renderRow, className = '', label }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, last: 30 });

  useLayoutEffect(() => {
    const measure = () => {
      const list = ref.current;
      if (!list) return;
      const top = list.getBoundingClientRect().top;
      const view = viewport(list);
      const first = Math.max(0, Math.floor((view.top - top) / rowHeight) - OVERSCAN);
      const last = Math.max(first, Math.ceil((view.bottom - top) / rowHeight) + OVERSCAN);
      setRange((current) => (current.first === first && current.last === last ? current : { first, last }));
    };
    measure();
    // captured: a panel's own scroll does not bubble to the window
    window.addEventListener('scroll', measure, { passive: true, capture: true });
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure, { capture: true });
      window.removeEventListener('resize', measure);
    };
  }, [rowHeight, items.length]); // a filter changes the page height: measure again

  const visible = items.slice(range.first, Math.min(items.length, range.last + 1));
  return (
    <div ref={ref} className={`vlist ${className}`} style={{ height: items.length * rowHeight }} role="list" aria-label={label}>
      {visible.map((item, i) => {
        const index = range.first + i;
        return (
          <div key={keyOf(item)} className="vlist__row" role="listitem" style={{ top: index * rowHeight, height: rowHeight }}>
            {renderRow(item, index)}
          </div>
        );
      })}
    </div>
  );
}
