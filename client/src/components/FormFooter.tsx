import { useT } from '../i18n';

/** Field errors of a dialog form (role=alert), then Cancel and the submit button. */
export function FormFooter({ issues, submitLabel, busy, onCancel }: { issues: string[]; submitLabel: string; busy: boolean; onCancel: () => void }) {
  const t = useT();
  return (
    <>
      {issues.length > 0 && (
        <ul className="form__issues field--wide" role="alert">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      <div className="dialog__actions field--wide">
        <button type="button" className="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
