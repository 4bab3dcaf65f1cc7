import { groupDuplicates, type Question } from '@diemcau/shared';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { defaultKeeper, isEntry, senderOf, statusKey } from '../../lib/questions';
import { runModeration } from '../../realtime/moderation';
import type { DuplicatesAnswer, DuplicatesRequest } from './duplicates.worker';
import { useControlsLocked } from '../../stores/selectors';

const SHOWN_GROUPS = 12;
/** A group longer than this lists only its first few until asked. */
const GROUP_PREVIEW = 4;

let worker: Worker | null | undefined;
let nextSeq = 1;

/** The one grouping worker of the page, made on first use; null where workers cannot start (then the page groups itself). */
function duplicatesWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./duplicates.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    console.warn('duplicates worker unavailable; grouping on the page', error);
    worker = null;
  }
  return worker;
}

/**
 * Near-duplicate groups among the entries that are not rejected, regrouped (in a worker) only
 * when a text changes or an entry comes or goes: votes and statuses do not move the grouping.
 * Null until the first grouping is done.
 */
function useDuplicateGroups(rows: readonly Question[]): Question[][] | null {
  const candidates = useMemo(() => rows.filter((q) => isEntry(q) && q.status !== 'rejected'), [rows]);
  const signature = useMemo(() => candidates.map((q) => `${q.id}\u0001${q.text}`).join('\u0002'), [candidates]);
  const [idGroups, setIdGroups] = useState<string[][] | null>(null);

  useEffect(() => {
    const items =
      signature === ''
        ? []
        : signature.split('\u0002').map((pair) => {
            const [id = '', text = ''] = pair.split('\u0001');
            return { id, text };
          });
    const grouper = duplicatesWorker();
    if (!grouper) {
      setIdGroups(groupDuplicates(items).map((group) => group.map((item) => item.id)));
      return;
    }
    const seq = nextSeq++;
    const onAnswer = (event: MessageEvent<DuplicatesAnswer>) => {
      if (event.data.seq === seq) setIdGroups(event.data.groups);
    };
    grouper.addEventListener('message', onAnswer);
    grouper.postMessage({ seq, items } satisfies DuplicatesRequest);
    return () => grouper.removeEventListener('message', onAnswer);
  }, [signature]);

  // an answer about older rows still reads right: merged or rejected rows have left `candidates`
  return useMemo(() => {
    if (idGroups === null) return null;
    const byId = new Map(candidates.map((q) => [q.id, q]));
    return idGroups.map((ids) => ids.map((id) => byId.get(id)).filter((q): q is Question => q !== undefined)).filter((group) => group.length > 1);
  }, [idGroups, candidates]);
}

const groupKey = (group: readonly Question[]) =>
  group
    .map((q) => q.id)
    .sort()
    .join(',');

function Group({ group, locked, onIgnore }: { group: Question[]; locked: boolean; onIgnore: () => void }) {
  const t = useT();
  const [keeperId, setKeeperId] = useState(() => defaultKeeper(group).id);
  const keeper = group.find((q) => q.id === keeperId) ?? defaultKeeper(group);
  const others = group.filter((q) => q.id !== keeper.id);
  const name = `dup-${group[0]!.id}`;
  const [expanded, setExpanded] = useState(false);
  // a big group shows its first few (and the chosen one); the merge takes them all
  const listed = expanded || group.length <= GROUP_PREVIEW ? group : group.filter((q, i) => i < GROUP_PREVIEW || q.id === keeper.id);
  return (
    <li className="qdup" data-testid="duplicate-group">
      <p className="qdup__head hint">{t('qmod.dupGroup', { n: group.reduce((sum, q) => sum + q.mergedCount, 0) })}</p>
      <ul className="qdup__items">
        {listed.map((q) => (
          <li key={q.id}>
            <label className={q.id === keeper.id ? 'qdup__item qdup__item--keeper' : 'qdup__item'}>
              <input type="radio" name={name} checked={q.id === keeper.id} onChange={() => setKeeperId(q.id)} aria-label={t('qmod.keepThis', { text: q.text })} />
              <span className="qdup__body">
                <span className="qdup__text">{q.text}</span>
                <span className="hint">
                  {t(statusKey(q.status))} · {senderOf(t, q)} · ▲ {q.votes}
                  {q.mergedCount > 1 && ` · ${t('qmod.mergedCount', { n: q.mergedCount })}`}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {listed.length < group.length && (
        <button type="button" className="link-button link-small qdup__more" onClick={() => setExpanded(true)}>
          {t('qmod.dupShowAll', { n: group.length })}
        </button>
      )}
      <div className="qdup__actions">
        <button
          type="button"
          className="button button--small button--primary"
          disabled={locked}
          onClick={() => void runModeration('question:merge', { questionId: keeper.id, others: others.map((q) => q.id) }, t('qmod.merged', { n: group.length }))}
        >
          ⊕ {t('qmod.mergeGroup', { n: others.length })}
        </button>
        <button type="button" className="button button--small button--ghost" onClick={onIgnore}>
          {t('qmod.dupIgnore')}
        </button>
      </div>
    </li>
  );
}

/**
 * "Trùng lặp": questions that say the same thing (with or without diacritics, teencode),
 * grouped; the moderator picks the one that stays and merges the others into it.
 */
export function DuplicatesPanel({ rows }: { rows: readonly Question[] }) {
  const t = useT();
  const locked = useControlsLocked();
  const groups = useDuplicateGroups(rows);
  const [ignored, setIgnored] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const open = (groups ?? []).filter((group) => !ignored.has(groupKey(group)));
  const shown = showAll ? open : open.slice(0, SHOWN_GROUPS);
  return (
    <section className="panel qdups" aria-labelledby="qdups-title">
      <div className="panel__head">
        <h2 id="qdups-title">
          {t('qmod.duplicates')} <span className="chip chip--small" data-testid="duplicate-count">{open.length}</span>
        </h2>
        {ignored.size > 0 && (
          <button type="button" className="link-button link-small" onClick={() => setIgnored(new Set())}>
            {t('qmod.dupShowIgnored', { n: ignored.size })}
          </button>
        )}
      </div>
      {groups === null ? (
        <p className="loading">{t('qmod.dupSearching')}</p>
      ) : open.length === 0 ? (
        <p className="empty">{t('qmod.dupNone')}</p>
      ) : (
        <>
          <p className="hint">{t('qmod.dupHint')}</p>
          <ul className="qdups__list">
            {shown.map((group) => (
              <Group key={groupKey(group)} group={group} locked={locked} onIgnore={() => setIgnored((current) => new Set(current).add(groupKey(group)))} />
            ))}
          </ul>
          {open.length > shown.length && (
            <button type="button" className="button button--small" onClick={() => setShowAll(true)}>
              {t('qmod.dupMore', { n: open.length - shown.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
