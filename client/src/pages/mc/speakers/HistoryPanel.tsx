import { formatClock, SpeechKind, speakingTotals, vnTime } from '@diemcau/shared';
import { useMemo } from 'react';
import { KindChip, useSpeakerWhere } from '../../../components/speakers/SpeakerIdentity';
import { useT } from '../../../i18n';
import { useAgenda, useSiteName, useSpeeches } from '../../../stores/selectors';
import { shownName } from '../../../i18n/generated';

function Totals() {
  const t = useT();
  const speeches = useSpeeches();
  const siteName = useSiteName();
  const { byKind, bySite } = useMemo(() => speakingTotals(speeches), [speeches]);
  const sites = Object.entries(bySite).sort((a, b) => b[1] - a[1]);
  return (
    <div className="speech-totals">
      <div>
        <h3>{t('speakers.totalsByKind')}</h3>
        <dl data-testid="totals-by-kind">
          {SpeechKind.options
            .filter((kind) => byKind[kind] !== undefined)
            .map((kind) => (
              <div key={kind}>
                <dt>{t(`speech.kind.${kind}`)}</dt>
                <dd className="mono">{formatClock(byKind[kind]!)}</dd>
              </div>
            ))}
        </dl>
      </div>
      <div>
        <h3>{t('speakers.totalsBySite')}</h3>
        <dl data-testid="totals-by-site">
          {sites.map(([siteId, ms]) => (
            <div key={siteId}>
              <dt>{siteId === '' ? t('speakers.hall') : (siteName(siteId) ?? siteId)}</dt>
              <dd className="mono">{formatClock(ms)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}

/** Who spoke, on which item, when and how long against the plan, newest first, with totals. */
export function HistoryPanel() {
  const t = useT();
  const speeches = useSpeeches();
  const agenda = useAgenda();
  const where = useSpeakerWhere();
  const titleOf = (itemId: string | null) => agenda.find((item) => item.id === itemId)?.title ?? t('common.none');
  return (
    <section className="panel history-panel" aria-labelledby="history-title">
      <h2 id="history-title">{t('speakers.historyTitle', { n: speeches.length })}</h2>
      {speeches.length === 0 ? (
        <p className="empty">{t('speakers.historyEmpty')}</p>
      ) : (
        <>
          <table className="history-table">
            <thead>
              <tr>
                <th scope="col">{t('speakers.colSpeaker')}</th>
                <th scope="col">{t('speakers.colItem')}</th>
                <th scope="col">{t('speakers.colStart')}</th>
                <th scope="col">{t('speakers.colDuration')}</th>
              </tr>
            </thead>
            <tbody>
              {speeches.toReversed().map((speech) => (
                <tr key={speech.id} data-testid="history-row">
                  <td>
                    <KindChip kind={speech.kind} /> <strong>{shownName(t, speech.speaker)}</strong>
                    {where(speech) && <span className="history-table__where">{where(speech)}</span>}
                  </td>
                  <td className="history-table__item">{titleOf(speech.itemId)}</td>
                  <td className="mono">{vnTime(speech.startedAt)}</td>
                  <td className="mono">
                    <span className={speech.elapsedMs > speech.plannedMs ? 'delta delta--late' : undefined}>{formatClock(speech.elapsedMs)}</span> / {formatClock(speech.plannedMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Totals />
        </>
      )}
    </section>
  );
}
