import qrcode from 'qrcode-generator';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../../i18n';
import { formatWhen } from '../../../i18n/format';
import { useDetails } from '../../../stores/selectors';
import { type SiteAccess, siteLink, type SitesAccess } from './siteAccess';

/** A QR code of `text` as SVG squares (medium error correction: survives a crease in the paper). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const path = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    const cells: string[] = [];
    for (let row = 0; row < n; row += 1) for (let col = 0; col < n; col += 1) if (qr.isDark(row, col)) cells.push(`M${col + 4},${row + 4}h1v1h-1z`);
    return { d: cells.join(''), size: n + 8 };
  }, [text]);
  return (
    <svg className="qr" viewBox={`0 0 ${path.size} ${path.size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={path.size} height={path.size} fill="#fff" />
      <path d={path.d} fill="#000" />
    </svg>
  );
}

/** While a print view is shown, the page prints only it (`body.printing`). */
export function usePrintMode() {
  useEffect(() => {
    document.body.classList.add('printing');
    return () => document.body.classList.remove('printing');
  }, []);
}

/** The print view's last two buttons: print (the browser's dialog) and close. */
export function PrintButtons({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <>
      <button type="button" className="button button--primary" onClick={() => window.print()}>
        {t('print.print')}
      </button>
      <button type="button" className="button" onClick={onClose}>
        {t('common.close')}
      </button>
    </>
  );
}

type Variant = 'pages' | 'table';
type Printable = SiteAccess & { token: string; pin: string };

/**
 * The sheet handed to each site: one page per site (name, meeting, QR of its link, meeting
 * code and PIN) or a compact table of all; printed with the browser's print dialog.
 */
export default function PrintSheet({ access, onClose }: { access: SitesAccess; onClose: () => void }) {
  const t = useT();
  const details = useDetails();
  const [variant, setVariant] = useState<Variant>('pages');
  const sites = access.sites.filter((s): s is Printable => s.token !== null && s.pin !== null);
  const when = details ? formatWhen(t, details.date, details.startTime) : '';
  const pinPage = `${window.location.origin}/pin`;

  usePrintMode();

  return (
    <div className="print-view">
      <div className="print-toolbar">
        <div className="segmented" role="radiogroup" aria-label={t('print.variant')}>
          <button type="button" role="radio" aria-checked={variant === 'pages'} onClick={() => setVariant('pages')}>
            {t('print.pages')}
          </button>
          <button type="button" role="radio" aria-checked={variant === 'table'} onClick={() => setVariant('table')}>
            {t('print.table')}
          </button>
        </div>
        <span className="hint">{t('print.count', { n: sites.length })}</span>
        <PrintButtons onClose={onClose} />
      </div>
      {variant === 'pages' ? (
        <div className="print-pages" data-testid="print-pages">
          {sites.map((site) => (
            <article key={site.siteId} className="print-page">
              <p className="print-page__meeting">{details?.title}</p>
              <p className="print-page__when">{[when, details?.venue].filter(Boolean).join(' · ')}</p>
              <p className="print-page__eyebrow">{t('site.eyebrow')}</p>
              <h2 className="print-page__site">{site.name}</h2>
              {site.group && <p className="print-page__group">{site.group}</p>}
              <QrCode text={siteLink(site.token)} label={t('print.qrOf', { name: site.name })} />
              <p className="print-page__scan">{t('print.scan')}</p>
              <p className="print-page__link mono">{siteLink(site.token)}</p>
              <div className="print-page__codes">
                <div>
                  <span>{t('access.code')}</span>
                  <strong className="mono">{access.code}</strong>
                </div>
                <div>
                  <span>{t('print.sitePin')}</span>
                  <strong className="mono">{site.pin}</strong>
                </div>
              </div>
              <p className="print-page__pin-hint">{t('print.pinHint', { url: pinPage })}</p>
            </article>
          ))}
        </div>
      ) : (
        <table className="print-table" data-testid="print-table">
          <caption>
            {details?.title} · {when} · {t('access.code')}: <strong className="mono">{access.code}</strong>
          </caption>
          <thead>
            <tr>
              <th>{t('agenda.col.no')}</th>
              <th>{t('board.col.site')}</th>
              <th>{t('board.group')}</th>
              <th>{t('print.sitePin')}</th>
              <th>{t('print.link')}</th>
            </tr>
          </thead>
          <tbody>
            {sites.map((site, i) => (
              <tr key={site.siteId}>
                <td>{i + 1}</td>
                <td>{site.name}</td>
                <td>{site.group}</td>
                <td className="mono">{site.pin}</td>
                <td className="mono print-table__link">{siteLink(site.token)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
