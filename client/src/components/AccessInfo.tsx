import type { MeetingAccess } from '@diemcau/shared';
import { useT } from '../i18n';
import { CopyButton } from './CopyButton';

const linkOf = (path: string) => `${window.location.origin}${path}`;

function CodeBox({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="access__code">
      <span className="access__label">{label}</span>
      <strong className="mono" data-testid={testId}>
        {value}
      </strong>
    </div>
  );
}

function LinkRow({ label, url }: { label: string; url: string }) {
  return (
    <div className="access__link">
      <span className="access__label">{label}</span>
      <a href={url} target="_blank" rel="noreferrer" className="access__url">
        {url}
      </a>
      <CopyButton text={url} label={label} />
    </div>
  );
}

/** Code, PIN and links of a meeting, for the organiser and the MC. `showMcLink` is off inside the console itself. */
export function AccessInfo({ access, showMcLink }: { access: MeetingAccess; showMcLink: boolean }) {
  const t = useT();
  return (
    <div className="access">
      <div className="access__codes">
        <CodeBox label={t('access.code')} value={access.code} testId="meeting-code" />
        <CodeBox label={t('access.pin')} value={access.mcPin} testId="meeting-pin" />
      </div>
      <LinkRow label={t('access.screenLink')} url={linkOf(`/screen/${access.projectorToken}`)} />
      <LinkRow label={t('access.boardLink')} url={linkOf(`/board/${access.leadershipToken}`)} />
      {showMcLink && <LinkRow label={t('access.mcLink')} url={linkOf(`/mc/${access.mcToken}`)} />}
      <p className="hint">{t('access.hint')}</p>
    </div>
  );
}
