import type { Office } from '@diemcau/shared';
import { VirtualList } from '../../components/VirtualList';
import { useT } from '../../i18n';
import { shownName } from '../../i18n/generated';
import { ALL, type StatusTab, UNROUTED } from '../../lib/questions';
import { type CardActions, MergedCard, QuestionCard } from './QuestionCard';
import type { ListItem, useQuestionFilters } from './useQuestionFilters';

/** Every row has this height: chips and sender, two lines of text, the text as sent and the answer (or a third line of text), actions. */
export const QUESTION_ROW_HEIGHT = 168;

type Filters = ReturnType<typeof useQuestionFilters>;

/** Status tabs with how many entries each holds (under the current search and filters). */
export function StatusTabs({ filters, tabs, label }: { filters: Filters; tabs: readonly StatusTab[]; label: string }) {
  const t = useT();
  return (
    <div className="segmented qtabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button key={tab} type="button" role="tab" aria-selected={filters.tab === tab} onClick={() => filters.setTab(tab)} data-testid={`tab-${tab}`}>
          {t(`qmod.tab.${tab}`)} <span className="qtabs__count">{filters.counts[tab]}</span>
        </button>
      ))}
    </div>
  );
}

/** Search, office and category filters and the order; `offices` null leaves the office filter out (an office's inbox). */
export function QuestionFilterBar({ filters, offices, categories }: { filters: Filters; offices: readonly Office[] | null; categories: readonly string[] }) {
  const t = useT();
  const allCategories = [...new Set([...categories, ...filters.categories])];
  return (
    <div className="qfilters">
      <label className="search">
        <span className="visually-hidden">{t('qmod.search')}</span>
        <input type="search" value={filters.query} placeholder={t('qmod.searchPlaceholder')} aria-label={t('qmod.search')} onChange={(event) => filters.setQuery(event.target.value)} />
      </label>
      {offices && (
        <label className="board-list__filter">
          <span>{t('qmod.office')}</span>
          <select value={filters.office} onChange={(event) => filters.setOffice(event.target.value)}>
            <option value={ALL}>{t('qmod.allOffices')}</option>
            <option value={UNROUTED}>{t('qmod.unrouted')}</option>
            {offices.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="board-list__filter">
        <span>{t('qmod.category')}</span>
        <select value={filters.category} onChange={(event) => filters.setCategory(event.target.value)}>
          <option value={ALL}>{t('qmod.allCategories')}</option>
          {allCategories.map((c) => (
            <option key={c} value={c}>
              {shownName(t, c)}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="radiogroup" aria-label={t('qmod.sort')}>
        <button type="button" role="radio" aria-checked={filters.sort === 'time'} onClick={() => filters.setSort('time')}>
          {t('qmod.sortTime')}
        </button>
        <button type="button" role="radio" aria-checked={filters.sort === 'votes'} onClick={() => filters.setSort('votes')}>
          {t('qmod.sortVotes')}
        </button>
      </div>
    </div>
  );
}

type ListProps = {
  filters: Filters;
  offices: readonly Office[];
  now: number;
  moderate: boolean;
  pinnedId: string | null;
  locked: boolean;
  actions: CardActions;
  empty: string;
};

/** The questions of the current tab and filters; thousands stay smooth (only rows near the window are rendered). */
export function QuestionList({ filters, offices, now, moderate, pinnedId, locked, actions, empty }: ListProps) {
  const t = useT();
  if (filters.items.length === 0) {
    return <p className="empty">{filters.totals.all === 0 ? empty : t('qmod.noMatch')}</p>;
  }
  return (
    <VirtualList<ListItem>
      items={filters.items}
      rowHeight={QUESTION_ROW_HEIGHT}
      keyOf={(item) => `${item.kind}:${item.q.id}`}
      label={t('qmod.listLabel')}
      renderRow={(item) =>
        item.kind === 'entry' ? (
          <QuestionCard
            q={item.q}
            offices={offices}
            now={now}
            moderate={moderate}
            pinned={item.q.id === pinnedId}
            mergedShown={item.merged}
            expanded={filters.expanded.has(item.q.id)}
            locked={locked}
            actions={actions}
          />
        ) : (
          <MergedCard q={item.q} now={now} moderate={moderate} locked={locked} actions={actions} />
        )
      }
    />
  );
}
