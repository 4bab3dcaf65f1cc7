import { useT } from '../i18n';
import { useAppStore } from '../stores';
import { useToasts } from '../stores/selectors';

/** Refusals and confirmations, announced to screen readers; errors stay until read or dismissed. */
export function Toasts() {
  const toasts = useToasts();
  const t = useT();
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast--${toast.kind}`} role={toast.kind === 'error' ? 'alert' : undefined}>
          <span className="toast__text">{toast.text}</span>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => useAppStore.getState().dismissToast(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
