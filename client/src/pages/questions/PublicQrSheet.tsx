import { useT } from '../../i18n';
import { formatWhen } from '../../i18n/format';
import { useDetails } from '../../stores/selectors';
import { PrintButtons, QrCode, usePrintMode } from '../mc/sites/PrintSheet';

/** The public page's QR code, big enough to scan from a seat: printed and put on tables or shown on a slide. */
export default function PublicQrSheet({ link, onClose }: { link: string; onClose: () => void }) {
  const t = useT();
  const details = useDetails();
  const when = details ? formatWhen(t, details.date, details.startTime) : '';

  usePrintMode();

  return (
    <div className="print-view">
      <div className="print-toolbar">
        <span className="hint">{t('qlinks.printHint')}</span>
        <PrintButtons onClose={onClose} />
      </div>
      <div className="print-pages">
        <article className="print-page" data-testid="public-qr-page">
          <p className="print-page__meeting">{details?.title}</p>
          <p className="print-page__when">{[when, details?.venue].filter(Boolean).join(' · ')}</p>
          <h2 className="print-page__site qprint__title">{t('qlinks.printTitle')}</h2>
          <QrCode text={link} label={t('qlinks.qrLabel')} />
          <p className="print-page__scan">{t('qlinks.printScan')}</p>
          <p className="print-page__link mono">{link}</p>
        </article>
      </div>
    </div>
  );
}

/** The QR code alone, for the links dialog (the QR library loads with it). */
export function QrPreview({ link }: { link: string }) {
  const t = useT();
  return <QrCode text={link} label={t('qlinks.qrLabel')} />;
}
