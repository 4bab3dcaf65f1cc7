import type { QuestionsAccess } from '@diemcau/shared';
import { lazy, Suspense } from 'react';
import { askConfirm } from '../../components/confirm';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { useT } from '../../i18n';
import { useAppStore } from '../../stores';
import { moderatorLink, officeLink, publicLink, type ReissueTarget } from './links';

/** The QR library loads only when the links are shown. */
const QrPreview = lazy(() => import('./PublicQrSheet').then((m) => ({ default: m.QrPreview })));

function LinkLine({ label, link, testId }: { label: string; link: string; testId: string }) {
  const t = useT();
  return (
    <div className="qlinks__line">
      <a className="mono qlinks__url" href={link} target="_blank" rel="noreferrer" data-testid={testId}>
        {link}
      </a>
      <CopyButton text={link} label={label} />
      <a className="button button--small button--ghost" href={link} target="_blank" rel="noreferrer">
        {t('common.open')} ↗
      </a>
    </div>
  );
}

type Props = {
  open: boolean;
  access: QuestionsAccess | null;
  error: string | null;
  onReissue: (target: ReissueTarget) => Promise<boolean>;
  onPrint: () => void;
  onClose: () => void;
};

/**
 * The links of the questions feature (MC and organiser): the public page with its QR code to
 * print or copy, the moderators' link, each office's inbox; each can be issued again.
 */
export function LinksDialog({ open, access, error, onReissue, onPrint, onClose }: Props) {
  const t = useT();
  const reissue = async (target: ReissueTarget, name: string) => {
    if (!(await askConfirm({ title: t('qlinks.reissue'), body: t('qlinks.reissueConfirm', { name }), confirmLabel: t('qlinks.reissue'), danger: true }))) return;
    if (await onReissue(target)) useAppStore.getState().pushToast('success', t('qlinks.reissued', { name }));
  };
  return (
    <Dialog open={open} title={t('qlinks.title')} onClose={onClose} wide>
      {!access ? (
        <p className={error ? 'form__issues' : 'loading'} role={error ? 'alert' : undefined}>
          {error ?? t('common.loading')}
        </p>
      ) : (
        <div className="qlinks">
          <section className="qlinks__public" aria-labelledby="qlinks-public">
            <div className="qlinks__qr">
              <Suspense fallback={<span className="hint">{t('common.loading')}</span>}>
                <QrPreview link={publicLink(access.publicToken)} />
              </Suspense>
            </div>
            <div className="qlinks__body">
              <h3 id="qlinks-public">{t('qlinks.public')}</h3>
              <p className="hint">{t('qlinks.publicHint')}</p>
              <LinkLine label={t('qlinks.public')} link={publicLink(access.publicToken)} testId="public-link" />
              <div className="qlinks__actions">
                <button type="button" className="button button--small button--primary" onClick={onPrint}>
                  {t('qlinks.print')}
                </button>
                <button type="button" className="button button--small button--danger-ghost" onClick={() => void reissue({ kind: 'public' }, t('qlinks.public'))}>
                  ⟳ {t('qlinks.reissue')}
                </button>
              </div>
            </div>
          </section>
          <section aria-labelledby="qlinks-mod">
            <h3 id="qlinks-mod">{t('qlinks.moderator')}</h3>
            <p className="hint">{t('qlinks.moderatorHint')}</p>
            <LinkLine label={t('qlinks.moderator')} link={moderatorLink(access.moderatorToken)} testId="moderator-link" />
            <button type="button" className="button button--small button--danger-ghost" onClick={() => void reissue({ kind: 'moderator' }, t('qlinks.moderator'))}>
              ⟳ {t('qlinks.reissue')}
            </button>
          </section>
          <section aria-labelledby="qlinks-offices">
            <h3 id="qlinks-offices">{t('qlinks.offices')}</h3>
            <p className="hint">{t('qlinks.officesHint')}</p>
            {access.offices.length === 0 ? (
              <p className="empty">{t('qlinks.noOffices')}</p>
            ) : (
              <table className="qlinks__offices">
                <tbody>
                  {access.offices.map((office) => (
                    <tr key={office.officeId} data-testid="office-link-row">
                      <th scope="row">{office.name}</th>
                      <td>
                        <LinkLine label={office.name} link={officeLink(office.token)} testId="office-link" />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="icon-button icon-button--danger"
                          title={t('qlinks.reissue')}
                          aria-label={`${t('qlinks.reissue')}: ${office.name}`}
                          onClick={() => void reissue({ kind: 'office', officeId: office.officeId }, office.name)}
                        >
                          ⟳
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      )}
    </Dialog>
  );
}
