import type { ReactNode } from 'react';
import { ConnectionBanner, ConnectionDot } from '../../components/ConnectionBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useT } from '../../i18n';
import { useConnection, useHasMeeting } from '../../stores/selectors';

/**
 * The frame of a questions link's page (moderator, office): the header with `badge`, `heading`
 * and `extra`, the connection banner, then `children` once the meeting is loaded.
 */
export function QuestionsShell({ badge, heading, extra, children }: { badge: string; heading: ReactNode; extra?: ReactNode; children: ReactNode }) {
  const t = useT();
  const hasMeeting = useHasMeeting();
  const { status } = useConnection();
  return (
    <div className="mc qpage">
      <header className="mc-header board-header">
        <div className="mc-header__brand" aria-hidden="true">
          diemcau <span>{badge}</span>
        </div>
        <div className="mc-header__meeting">{heading}</div>
        {extra}
        <ConnectionDot />
        <LanguageSwitch />
      </header>
      <ConnectionBanner />
      {hasMeeting ? children : status !== 'failed' && status !== 'deleted' && <p className="loading">{t('conn.connecting')}</p>}
    </div>
  );
}
