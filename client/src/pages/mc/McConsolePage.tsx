import { ConnectionBanner } from '../../components/ConnectionBanner';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useT } from '../../i18n';
import { useConnection, useHasMeeting } from '../../stores/selectors';
import { AgendaArea } from './AgendaTable';
import { Controls } from './Controls';
import { CurrentPanel } from './CurrentPanel';
import { LinksPanel } from './LinksPanel';
import { McHeader } from './McHeader';
import { MessagePanel } from './MessagePanel';
import { useShortcuts } from './useShortcuts';

/** The MC console: run the meeting live from one screen. */
export function McConsolePage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  useShortcuts();
  const hasMeeting = useHasMeeting();
  const { status } = useConnection();
  return (
    <div className="mc">
      <McHeader />
      <ConnectionBanner />
      {hasMeeting ? (
        <main className="mc__grid">
          <div className="mc__side">
            <CurrentPanel />
            <Controls />
          </div>
          <div className="mc__main">
            <AgendaArea />
          </div>
          <div className="mc__extra">
            <MessagePanel />
            <LinksPanel />
          </div>
        </main>
      ) : (
        status !== 'failed' && status !== 'deleted' && <p className="loading">{t('conn.connecting')}</p>
      )}
    </div>
  );
}
