import { useT } from '../i18n';
import { formatClockTime } from '../i18n/format';
import { reconnect } from '../realtime/socket';
import { useClockOffset, useConnection } from '../stores/selectors';

/** While the server is out of reach: the time of the data on the page (server's clock), so nobody takes it for live. */
export function StaleSince({ className }: { className?: string }) {
  const t = useT();
  const { status, since } = useConnection();
  const offset = useClockOffset();
  if (status !== 'reconnecting' || since === null) return null;
  return (
    <span className={className} data-testid="stale-since">
      {t('conn.staleSince', { time: formatClockTime(since + offset) })}
    </span>
  );
}

/** A light and a word for the live connection. */
export function ConnectionDot() {
  const t = useT();
  const { status } = useConnection();
  const online = status === 'online';
  const label = online ? t('conn.online') : status === 'connecting' ? t('conn.connecting') : t('conn.reconnecting');
  return (
    <span className={`conn-dot ${online ? 'conn-dot--online' : 'conn-dot--offline'}`} role="status">
      <span className="conn-dot__light" aria-hidden="true" />
      {label}
    </span>
  );
}

/** Says when the live connection is down, refused or the meeting is gone; silent while online. */
export function ConnectionBanner() {
  const t = useT();
  const { status, message } = useConnection();
  if (status === 'reconnecting') {
    return (
      <div className="banner banner--warning" role="alert">
        <strong>{t('conn.reconnecting')}</strong> <StaleSince /> <span>{t('conn.reconnectingHint')}</span>
      </div>
    );
  }
  if (status === 'deleted') {
    return (
      <div className="banner banner--danger" role="alert">
        <strong>{t('conn.deleted')}</strong>
      </div>
    );
  }
  if (status === 'failed') {
    return (
      <div className="banner banner--danger" role="alert">
        <strong>{t('conn.failed')}:</strong> <span>{message}</span>
        <button type="button" className="button button--small" onClick={reconnect}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  return null;
}
