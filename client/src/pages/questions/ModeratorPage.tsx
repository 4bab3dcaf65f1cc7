import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { useT } from '../../i18n';
import { formatWhen } from '../../i18n/format';
import { useDetails } from '../../stores/selectors';
import { usePendingCount } from './hooks';
import { ModerationView } from './ModerationView';
import { QuestionsShell } from './QuestionsShell';

/** A moderator link (`/mod/<token>`): the questions view alone, without the MC console's other views. */
export function ModeratorPage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  const details = useDetails();
  const pending = usePendingCount();
  return (
    <QuestionsShell
      badge={t('qmod.badge')}
      heading={
        <>
          <h1 className="mc-header__title" title={details?.title}>
            {details?.title ?? t('common.loading')}
          </h1>
          {details && <p className="mc-header__sub">{[t('qmod.modTitle'), formatWhen(t, details.date, details.startTime)].join(' · ')}</p>}
        </>
      }
      extra={
        <span className="qbadge-line" data-testid="pending-total">
          {t('qmod.pendingN', { n: pending })}
        </span>
      }
    >
      <ModerationView token={token} />
    </QuestionsShell>
  );
}
