import { useT } from '../../../i18n';
import { useEnded } from '../../../stores/selectors';
import { AddRequestPanel } from './AddRequestPanel';
import { ContributionsPanel } from './ContributionsPanel';
import { FloorPanel } from './FloorPanel';
import { HistoryPanel } from './HistoryPanel';
import { QueuePanel } from './QueuePanel';

/**
 * The MC's speakers view: the floor and the hall form | the queue | history and prepared
 * contributions. Once the meeting has ended, only what was said: the history.
 */
export function SpeakersView() {
  const t = useT();
  const ended = useEnded();
  if (ended) {
    return (
      <main className="speakers-grid speakers-grid--ended">
        <p className="panel hint" data-testid="speakers-ended">
          {t('mc.endedReadOnly')}
        </p>
        <div className="speakers-grid__col">
          <HistoryPanel />
        </div>
      </main>
    );
  }
  return (
    <main className="speakers-grid">
      <div className="speakers-grid__col">
        <FloorPanel />
        <AddRequestPanel />
      </div>
      <div className="speakers-grid__col">
        <QueuePanel />
      </div>
      <div className="speakers-grid__col">
        <HistoryPanel />
        <ContributionsPanel />
      </div>
    </main>
  );
}
