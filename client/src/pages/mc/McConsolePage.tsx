import { lazy, Suspense } from 'react';
import { ConnectionBanner } from '../../components/ConnectionBanner';
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

/** The reports and their charting library load only when the MC opens them. */
const ReportsView = lazy(() => import('./reports/ReportsView'));

/** The MC console: run the meeting live from one screen; the sites, speakers and questions views share its connection. */
export function McConsolePage({ token, view }: { token: string; view: McView }) {
  const t = useT();
  useMeetingConnection(token);
  useShortcuts(view === 'console');
  const hasMeeting = useHasMeeting();
  const { status } = useConnection();
  const queue = useQueue();
  const speakersActive = queue.floor !== null || queue.entries.length > 0;
  const ended = useLive()?.status === 'ended';
  // the MC's room stays mounted (hidden) on the other views: its sound and connection carry on
  const videoStage = useVideoStageOpen();
  return (
    <div className="mc">
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
          <div className="mc__side">
            <CurrentPanel />
            <Controls />
            <ConclusionsPanel />
          </div>
          <div className="mc__main">
            <AgendaArea />
          </div>
          <div className="mc__extra">
            {ended && <RecordPanel token={token} />}
            {speakersActive && <FloorPanel />}
            <MessagePanel />
            <TasksPanel />
            <AttendancePanel token={token} />
            <VideoPanel token={token} />
            <RollCallPanel />
            <LinksPanel />
            {!ended && <RecordPanel token={token} />}
          </div>
        </main>
      )}
      {!hasMeeting && status !== 'failed' && status !== 'deleted' && <p className="loading">{t('conn.connecting')}</p>}
    </div>
  );
}
