import type { QueueEntry, SpeechKind } from '@diemcau/shared';
import { useT } from '../../i18n';
import { useSiteName } from '../../stores/selectors';
import { shownName } from '../../i18n/generated';

export function KindChip({ kind }: { kind: SpeechKind }) {
  const t = useT();
  return <span className={`chip speech-chip speech-chip--${kind}`}>{t(`speech.kind.${kind}`)}</span>;
}

/**
 * Title and site of a speaker on one line: "Phó Trưởng phòng · Phòng GDĐT huyện Lục Ngạn"; the
 * hall when a request has no site (a prepared contribution without a site is known by its unit).
 */
export function useSpeakerWhere(): (entry: Pick<QueueEntry, 'speakerTitle' | 'siteId' | 'contributionId'>) => string {
  const t = useT();
  const siteName = useSiteName();
  return (entry) => {
    const site = entry.siteId !== null ? siteName(entry.siteId) : entry.contributionId === null ? t('speakers.hall') : null;
    return [entry.speakerTitle, site].filter(Boolean).join(' · ');
  };
}

/** The next speakers in order: kind, name, title and site (everyone's view of who comes next). */
export function UpNextList({ entries, className = '' }: { entries: readonly QueueEntry[]; className?: string }) {
  const t = useT();
  const where = useSpeakerWhere();
  if (entries.length === 0) return null;
  return (
    <div className={`up-next ${className}`} data-testid="up-next">
      <span className="up-next__label">{t('speakers.upNext')}</span>
      <ol className="up-next__list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <KindChip kind={entry.kind} /> <span className="up-next__name">{shownName(t, entry.speaker)}</span>
            {where(entry) && <span className="up-next__where"> {where(entry)}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
