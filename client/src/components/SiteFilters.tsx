import { foldVietnamese, type SiteRow } from '@diemcau/shared';
import { type ReactNode, useDeferredValue, useMemo, useState } from 'react';
import { useT } from '../i18n';
import { groupsOf, matchesSearch } from '../lib/attendance';

const ALL_GROUPS = '\u0000all';

/** Every group, or one; sites without a group are a choice of their own. */
function GroupSelect({ groups, value, onChange }: { groups: readonly string[]; value: string | null; onChange: (group: string | null) => void }) {
  const t = useT();
  return (
    <select value={value === null ? ALL_GROUPS : value} onChange={(event) => onChange(event.target.value === ALL_GROUPS ? null : event.target.value)}>
      <option value={ALL_GROUPS}>{t('board.allGroups')}</option>
      {groups.map((g) => (
        <option key={g} value={g}>
          {g || t('board.noGroup')}
        </option>
      ))}
    </select>
  );
}

/**
 * A search typed with or without diacritics and a group filter over a list of sites; the
 * search is deferred so typing stays smooth over thousands of rows. `matches` is stable
 * until the search or the group changes.
 */
export function useSiteFilters(sites: readonly SiteRow[]) {
  const [query, setQuery] = useState('');
  const [group, setGroup] = useState<string | null>(null);
  const search = useDeferredValue(foldVietnamese(query));
  const groups = useMemo(() => groupsOf(sites), [sites]);
  const matches = useMemo(() => (site: SiteRow) => (group === null || site.group === group) && matchesSearch(site, search), [group, search]);
  return { query, setQuery, group, setGroup, groups, matches };
}

type ToolbarProps = {
  title: string;
  titleId: string;
  filters: ReturnType<typeof useSiteFilters>;
  shown: number;
  total: number;
  countTestId: string;
  /** More filters, after the group. */
  children?: ReactNode;
};

/** Title, search, group filter (and any more) and how many sites are shown of all. */
export function SiteFilterBar({ title, titleId, filters, shown, total, countTestId, children }: ToolbarProps) {
  const t = useT();
  return (
    <div className="board-list__toolbar">
      <h2 id={titleId}>{title}</h2>
      <label className="search">
        <span className="visually-hidden">{t('board.search')}</span>
        <input type="search" value={filters.query} placeholder={t('board.searchPlaceholder')} aria-label={t('board.search')} onChange={(event) => filters.setQuery(event.target.value)} />
      </label>
      <label className="board-list__filter">
        <span>{t('board.group')}</span>
        <GroupSelect groups={filters.groups} value={filters.group} onChange={filters.setGroup} />
      </label>
      {children}
      <span className="hint" data-testid={countTestId}>
        {t('board.count', { n: shown, total })}
      </span>
    </div>
  );
}
