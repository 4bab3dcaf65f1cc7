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

/**
 * A list that renders only the rows in (and near) the window, scrolling with the page: a
 * board of 3,000 sites keeps a few dozen rows in the DOM. Rows have one fixed height.
 */
export function VirtualList<T>({ items, rowHeight, keyOf, renderRow, className = '', label }: Props<T>) {
  const ref = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, last: 30 });

  useLayoutEffect(() => {
    const measure = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      const first = Math.max(0, Math.floor(-top / rowHeight) - OVERSCAN);
      const last = Math.max(first, Math.ceil((window.innerHeight - top) / rowHeight) + OVERSCAN);
      setRange((current) => (current.first === first && current.last === last ? current : { first, last }));
    };
    measure();
    window.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure);
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
