import { t } from '../i18n';
import { useAppStore } from '../stores';
import { useConfirmRequest } from '../stores/selectors';
import { Dialog } from './Dialog';

/** Asks the user to confirm in the app's dialog; resolves true when they do. */
export function askConfirm(options: { title: string; body: string; confirmLabel?: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    useAppStore.getState().confirm?.resolve(false);
    useAppStore.getState().setConfirm({
      title: options.title,
      body: options.body,
      confirmLabel: options.confirmLabel ?? t('common.confirm'),
      danger: options.danger ?? false,
      resolve,
    });
  });
}

/** The one confirmation dialog of the app, driven by `askConfirm`. */
export function ConfirmHost() {
  const request = useConfirmRequest();
  const answer = (confirmed: boolean) => {
    request?.resolve(confirmed);
    useAppStore.getState().setConfirm(null);
  };
  return (
    <Dialog open={request !== null} title={request?.title ?? ''} onClose={() => answer(false)}>
      <p className="dialog__text">{request?.body}</p>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={() => answer(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className={request?.danger ? 'button button--danger' : 'button button--primary'} onClick={() => answer(true)} autoFocus>
          {request?.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
