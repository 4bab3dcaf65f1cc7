import { useState } from 'react';
import { failureText, useT } from '../i18n';
import { download } from '../lib/api';
import { useAppStore } from '../stores';

/**
 * Downloads one of the meeting's workbooks (`file`, under /meetings/:id/) with this link's token;
 * `fallbackName` is the name used when the server does not suggest one.
 */
export function ExportButton({ token, file, fallbackName, label }: { token: string; file: string; fallbackName: string; label: string }) {
  const t = useT();
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? null);
  const [busy, setBusy] = useState(false);
  const exportFile = async () => {
    if (!meetingId) return;
    setBusy(true);
    const res = await download(`/meetings/${meetingId}/${file}`, token, fallbackName);
    setBusy(false);
    if (!res.ok) useAppStore.getState().pushToast('error', failureText(res));
  };
  return (
    <button type="button" className="button button--small" disabled={busy || !meetingId} onClick={() => void exportFile()}>
      ⬇ {busy ? t('common.loading') : label}
    </button>
  );
}
