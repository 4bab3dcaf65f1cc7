import { lazy, Suspense } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner';
import { useMediaQuery } from '../../hooks/useMediaQuery';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useT } from '../../i18n';
import { useConnection, useHasMeeting, useLive, useQueue } from '../../stores/selectors';
import type { McView } from '../../lib/router';
import { AgendaArea } from './AgendaTable';
import { AttendancePanel } from './AttendancePanel';
import { ConclusionsPanel } from './ConclusionsPanel';
import { Controls } from './Controls';
import { CurrentPanel } from './CurrentPanel';
import { LinksPanel } from './LinksPanel';
import { McHeader } from './McHeader';
import { MessagePanel } from './MessagePanel';
import { RecordPanel } from './RecordPanel';
import { RollCallPanel } from './RollCallPanel';
import { TasksPanel } from './TasksPanel';
import { SitesView } from './sites/SitesView';
import { ModerationView } from '../questions/ModerationView';
import { FloorPanel } from './speakers/FloorPanel';
import { SpeakersView } from './speakers/SpeakersView';
import { useShortcuts } from './useShortcuts';
import { VideoPanel } from './video/VideoPanel';
import { VideoView } from './video/VideoView';
import { useVideoStageOpen } from '../../video/state';
import './console.css';

/** Where the console has three columns (console.css): the same width. */
const THREE_COLUMNS = '(min-width: 1800px)';

/** The reports and their charting library load only when the MC opens them. */
const ReportsView = lazy(() => import('./reports/ReportsView'));

/** The MC console: run the meeting live from one screen; the sites, speakers and questions views share its connection. */
export function McConsolePage({ token, view }: { token: string; view: McView }) {
  const t = useT();
  useMeetingConnection(token);
  const ended = useLive()?.status === 'ended';
  // an ended meeting is read-only: no key moves or pauses anything
  useShortcuts(view === 'console' && !ended);
  const hasMeeting = useHasMeeting();
  const { status } = useConnection();
  const queue = useQueue();
  const speakersActive = !ended && (queue.floor !== null || queue.entries.length > 0);
  // three columns: the floor heads the right one; two (laptops): it heads the agenda's, in view beside the item
  const threeColumns = useMediaQuery(THREE_COLUMNS);
  const floor = speakersActive && <FloorPanel />;
  // the MC's room stays mounted (hidden) on the other views: its sound and connection carry on
  const videoStage = useVideoStageOpen();
  return (
    <div className={view === 'console' ? 'mc mc--console' : 'mc'}>
      <McHeader token={token} view={view} />
      <ConnectionBanner />
      {hasMeeting && view === 'sites' && <SitesView token={token} />}
      {hasMeeting && view === 'speakers' && <SpeakersView />}
      {hasMeeting && view === 'questions' && <ModerationView token={token} />}
      {hasMeeting && view === 'reports' && (
        <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
          <ReportsView token={token} />
        </Suspense>
      )}
      {hasMeeting && (view === 'video' || videoStage) && <VideoView hidden={view !== 'video'} />}
      {hasMeeting && view === 'console' && (
        <main className="mc__grid">
          {/* one scrolling column on laptops (side and extra merged, live panels first); two columns on wide screens */}
          <div className="mc__rail">
            <div className="mc__side">
              <CurrentPanel />
              <Controls />
              <ConclusionsPanel />
            </div>
            <div className="mc__extra">
              {ended && <RecordPanel token={token} />}
              {threeColumns && floor}
              {!ended && <MessagePanel />}
              <TasksPanel />
              <AttendancePanel token={token} />
              <VideoPanel token={token} />
              {!ended && <RollCallPanel />}
              <LinksPanel token={token} />
              {!ended && <RecordPanel token={token} />}
            </div>
          </div>
          <div className="mc__main">
            {!threeColumns && floor}
            <AgendaArea />
          </div>
        </main>
      )}
      {!hasMeeting && status !== 'failed' && status !== 'deleted' && <p className="loading">{t('conn.connecting')}</p>}
    </div>
  );
}
