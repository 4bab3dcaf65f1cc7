import { AddRequestPanel } from './AddRequestPanel';
import { ContributionsPanel } from './ContributionsPanel';
import { FloorPanel } from './FloorPanel';
import { HistoryPanel } from './HistoryPanel';
import { QueuePanel } from './QueuePanel';

/** The MC's speakers view: the floor and the hall form | the queue | history and prepared contributions. */
export function SpeakersView() {
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
