import { ConnectionBanner } from '../../components/ConnectionBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useT } from '../../i18n';
import { formatWhen } from '../../i18n/format';
import { useConnection, useDetails, useHasMeeting } from '../../stores/selectors';
import { ConnectionDot } from '../mc/McHeader';
import { usePendingCount } from './hooks';
import { ModerationView } from './ModerationView';

/** A moderator link (`/mod/<token>`): the questions view alone, without the MC console's other views. */
export function ModeratorPage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  const details = useDetails();
  const hasMeeting = useHasMeeting();
  const pending = usePendingCount();
  const { status } = useConnection();
  return (
    <div className="mc qpage">
      <header className="mc-header board-header">
        <div className="mc-header__brand" aria-hidden="true">
          diemcau <span>{t('qmod.badge')}</span>
        </div>
        <div className="mc-header__meeting">
          <h1 className="mc-header__title" title={details?.title}>
            {details?.title ?? t('common.loading')}
          </h1>
          {details && <p className="mc-header__sub">{[t('qmod.modTitle'), formatWhen(t, details.date, details.startTime)].join(' · ')}</p>}
        </div>
        <span className="qbadge-line" data-testid="pending-total">
          {t('qmod.pendingN', { n: pending })}
        </span>
        <ConnectionDot />
        <LanguageSwitch />
      </header>
      <ConnectionBanner />
      {hasMeeting ? <ModerationView token={token} /> : status !== 'failed' && status !== 'deleted' && <p className="loading">{t('conn.connecting')}</p>}
    </div>
  );
}
