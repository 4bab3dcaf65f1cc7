import { foldVietnamese, type Question } from '@diemcau/shared';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { ALL, compareQuestions, countByStatus, haystackOf, inTab, isEntry, mergedByEntry, type QuestionSort, type StatusTab, UNROUTED } from '../../lib/questions';

/** Folded search text per row object: rows are immutable, so an unchanged row is folded once. */
const folded = new WeakMap<Question, string>();
function haystack(q: Question): string {
  let text = folded.get(q);
  if (text === undefined) {
    text = haystackOf(q);
    folded.set(q, text);
  }
  return text;
}

/** A row of the list: an entry, or a submission merged into the entry above it. */
export type ListItem = { kind: 'entry'; q: Question; merged: number } | { kind: 'merged'; q: Question };

/**
 * Status tab, office, category, search (with or without diacritics; a merged submission's
 * words find its entry) and order over the questions, with counts per status; entries with
 * their merged submissions unfolded when `expanded` holds their id.
 */
export function useQuestionFilters(rows: readonly Question[], initialTab: StatusTab) {
  const [tab, setTab] = useState<StatusTab>(initialTab);
  const [office, setOffice] = useState<string>(ALL);
  const [category, setCategory] = useState<string>(ALL);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<QuestionSort>('time');
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const search = useDeferredValue(foldVietnamese(query));

  const entries = useMemo(() => rows.filter(isEntry), [rows]);
  const children = useMemo(() => mergedByEntry(rows), [rows]);
  const categories = useMemo(() => [...new Set(entries.map((q) => q.category).filter(Boolean))], [entries]);

  // office, category and search narrow the counts too: the tabs say how many of what is searched
  const narrowed = useMemo(() => {
    const hit = (q: Question) => search === '' || haystack(q).includes(search) || (children.get(q.id) ?? []).some((c) => haystack(c).includes(search));
    return entries.filter(
      (q) => (office === ALL || (office === UNROUTED ? q.officeId === null : q.officeId === office)) && (category === ALL || q.category === category) && hit(q),
    );
  }, [entries, children, office, category, search]);

  const counts = useMemo(() => countByStatus(narrowed), [narrowed]);
  const totals = useMemo(() => countByStatus(entries), [entries]);

  const items = useMemo(() => {
    const shown = narrowed.filter((q) => inTab(tab, q)).sort(compareQuestions(sort));
    const list: ListItem[] = [];
    for (const q of shown) {
      const merged = children.get(q.id) ?? [];
      list.push({ kind: 'entry', q, merged: merged.length });
      if (expanded.has(q.id)) for (const c of merged) list.push({ kind: 'merged', q: c });
    }
    return list;
  }, [narrowed, tab, sort, children, expanded]);

  const toggle = useCallback(
    (id: string) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  return { tab, setTab, office, setOffice, category, setCategory, query, setQuery, sort, setSort, expanded, toggle, categories, counts, totals, items, shown: narrowed.length };
}
