import { useT } from '../i18n';
import { reconnect } from '../realtime/socket';
import { useConnection } from '../stores/selectors';

/** Says when the live connection is down, refused or the meeting is gone; silent while online. */
export function ConnectionBanner() {
  const t = useT();
  const { status, message } = useConnection();
  if (status === 'reconnecting') {
    return (
      <div className="banner banner--warning" role="alert">
        <strong>{t('conn.reconnecting')}</strong> <span>{t('conn.reconnectingHint')}</span>
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
