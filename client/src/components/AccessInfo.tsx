import type { MeetingAccess } from '@diemcau/shared';
import { useT } from '../i18n';
import { CopyButton } from './CopyButton';

const linkOf = (path: string) => `${window.location.origin}${path}`;

/** Code, PIN and links of a meeting, for the organiser and the MC. `showMcLink` is off inside the console itself. */
export function AccessInfo({ access, showMcLink }: { access: MeetingAccess; showMcLink: boolean }) {
  const t = useT();
  const screenLink = linkOf(`/screen/${access.projectorToken}`);
  const mcLink = linkOf(`/mc/${access.mcToken}`);
  return (
    <div className="access">
      <div className="access__codes">
        <div className="access__code">
          <span className="access__label">{t('access.code')}</span>
          <strong className="mono" data-testid="meeting-code">
            {access.code}
          </strong>
        </div>
        <div className="access__code">
          <span className="access__label">{t('access.pin')}</span>
          <strong className="mono" data-testid="meeting-pin">
            {access.mcPin}
          </strong>
        </div>
      </div>
      <div className="access__link">
        <span className="access__label">{t('access.screenLink')}</span>
        <a href={screenLink} target="_blank" rel="noreferrer" className="access__url">
          {screenLink}
        </a>
        <CopyButton text={screenLink} label={t('access.screenLink')} />
      </div>
      {showMcLink && (
        <div className="access__link">
          <span className="access__label">{t('access.mcLink')}</span>
          <a href={mcLink} target="_blank" rel="noreferrer" className="access__url">
            {mcLink}
          </a>
          <CopyButton text={mcLink} label={t('access.mcLink')} />
        </div>
      )}
      <p className="hint">{t('access.hint')}</p>
    </div>
  );
}
