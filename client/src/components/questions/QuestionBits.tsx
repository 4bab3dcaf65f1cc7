import { type QuestionStatus, vnDate, vnTime } from '@diemcau/shared';
import { useT } from '../../i18n';
import { formatDate } from '../../i18n/format';

/**
 * Text a participant typed: kept as text, line breaks kept, a long word broken anywhere, and
 * isolated so a direction override inside it (U+202E) cannot reorder the labels around it.
 */
export function UserText({ text, className = '' }: { text: string; className?: string }) {
  return <bdi className={`user-text ${className}`}>{text}</bdi>;
}

export type ShownStatus = QuestionStatus | 'unsent' | 'sending';

/** A question's status for its sender: waiting, approved, answered, not approved; or not sent yet. */
export function StatusChip({ status }: { status: ShownStatus }) {
  const t = useT();
  return (
    <span className={`chip ask-status ask-status--${status}`} data-testid="ask-status">
      {t(`ask.status.${status}`)}
    </span>
  );
}

/** The published answer under a question. */
export function AnswerBlock({ answer, answeredBy }: { answer: string; answeredBy: string }) {
  const t = useT();
  return (
    <div className="ask-answer" data-testid="ask-answer">
      <p className="ask-answer__label">
        {t('ask.answer')}
        {answeredBy && (
          <>
            {' · '}
            <bdi>{answeredBy}</bdi>
          </>
        )}
      </p>
      <p>
        <UserText text={answer} />
      </p>
    </div>
  );
}

/** When something was sent: the time today, else the time and date (Vietnam time). */
export function sentAt(at: number, now: number): string {
  return vnDate(at) === vnDate(now) ? vnTime(at) : `${vnTime(at)} ${formatDate(vnDate(at))}`;
}
