import type { ImportAction, ImportPreview, SiteRow } from '@diemcau/shared';
import { useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { useT } from '../../../i18n';
import { api, problemsOf } from '../../../lib/api';
import { useAppStore } from '../../../stores';

type Props = { open: boolean; meetingId: string; token: string; onClose: () => void };

function Messages({ items, kind }: { items: readonly string[]; kind: 'error' | 'warning' }) {
  if (items.length === 0) return null;
  return (
    <ul className={`import-messages import-messages--${kind}`} role={kind === 'error' ? 'alert' : undefined}>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

type Choices = Record<number, Exclude<ImportAction, 'add'>>;

function PreviewTable({ preview, choices, choose }: { preview: ImportPreview; choices: Choices; choose: (line: number, action: Exclude<ImportAction, 'add'>) => void }) {
  const t = useT();
  return (
    <div className="import-table-wrap">
      <table className="import-table" data-testid="import-preview">
        <thead>
          <tr>
            <th>{t('import.line')}</th>
            <th>{t('sites.name')}</th>
            <th>{t('sites.group')}</th>
            <th>{t('sites.contact')}</th>
            <th>{t('sites.expectedShort')}</th>
            <th>{t('import.check')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line} className={row.errors.length > 0 ? 'import-row--error' : row.warnings.length > 0 ? 'import-row--warning' : ''} data-testid="import-row">
              <td className="mono">{row.line}</td>
              {row.site ? (
                <>
                  <td className="import-table__name">{row.site.name}</td>
                  <td>{row.site.group}</td>
                  <td>
                    {[row.site.contactName, row.site.phone, row.site.email].filter(Boolean).map((part) => (
                      <span key={part} className="import-table__part">
                        {part}
                      </span>
                    ))}
                  </td>
                  <td className="mono">{row.site.expectedHeadcount ?? ''}</td>
                </>
              ) : (
                <td colSpan={4} className="hint">
                  {t('import.rowInvalid')}
                </td>
              )}
              <td className="import-table__check">
                {row.errors.map((e) => (
                  <span key={e} className="import-issue import-issue--error">
                    ✕ {e}
                  </span>
                ))}
                {row.warnings.map((w) => (
                  <span key={w} className="import-issue import-issue--warning">
                    ! {w}
                  </span>
                ))}
                {row.errors.length === 0 && row.existing && (
                  <label className="import-issue import-issue--duplicate" data-testid="import-duplicate">
                    <span>{t('import.exists', { name: row.existing.name })}</span>
                    <select value={choices[row.line] ?? 'skip'} onChange={(event) => choose(row.line, event.target.value as Exclude<ImportAction, 'add'>)}>
                      <option value="skip">{t('import.skip')}</option>
                      <option value="update">{t('import.update')}</option>
                    </select>
                  </label>
                )}
                {row.errors.length === 0 && row.warnings.length === 0 && !row.existing && <span className="import-issue import-issue--ok">✓ {t('import.new')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportForm({ meetingId, token, onClose }: Omit<Props, 'open'>) {
  const t = useT();
  const [source, setSource] = useState<'file' | 'paste'>('file');
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  /** What to do with each row whose name the meeting has already: left out unless told to update. */
  const [choices, setChoices] = useState<Choices>({});

  const previewOf = async (request: Promise<Awaited<ReturnType<typeof api<ImportPreview>>>>) => {
    setBusy(true);
    setIssues([]);
    const res = await request;
    setBusy(false);
    if (res.ok) {
      setPreview(res.data);
      setChoices({});
      setOnlyValid(false);
    } else setIssues(problemsOf(res));
  };
  const previewFile = (file: File) =>
    previewOf(api<ImportPreview>(`/meetings/${meetingId}/sites/import/preview?filename=${encodeURIComponent(file.name)}`, { method: 'POST', token, body: file }));
  const previewPasted = () => previewOf(api<ImportPreview>(`/meetings/${meetingId}/sites/import/preview`, { method: 'POST', token, body: { text } }));

  const valid =
    preview?.rows.flatMap((row) => {
      if (!row.site || row.errors.length > 0) return [];
      const action: ImportAction = row.existing ? (choices[row.line] ?? 'skip') : 'add';
      return action === 'skip' ? [] : [{ ...row.site, action }];
    }) ?? [];
  const updates = valid.filter((row) => row.action === 'update').length;
  const blocked = !preview || preview.fileErrors.length > 0 || valid.length === 0 || (preview.invalid > 0 && !onlyValid);

  const confirm = async () => {
    setBusy(true);
    const res = await api<SiteRow[]>(`/meetings/${meetingId}/sites/import`, { method: 'POST', token, body: { sites: valid } });
    setBusy(false);
    if (!res.ok) return setIssues(problemsOf(res));
    for (const site of res.data) useAppStore.getState().applySiteRow(site);
    useAppStore.getState().pushToast('success', t('import.done', { n: res.data.length }));
    onClose();
  };

  return (
    <div className="import">
      <div className="segmented" role="tablist" aria-label={t('import.source')}>
        <button type="button" role="tab" aria-selected={source === 'file'} onClick={() => setSource('file')}>
          {t('import.fromFile')}
        </button>
        <button type="button" role="tab" aria-selected={source === 'paste'} onClick={() => setSource('paste')}>
          {t('import.fromPaste')}
        </button>
      </div>
      {source === 'file' ? (
        <label className="field">
          <span>{t('import.chooseFile')}</span>
          <input type="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" disabled={busy} onChange={(event) => event.target.files?.[0] && void previewFile(event.target.files[0])} />
        </label>
      ) : (
        <>
          <label className="field">
            <span>{t('import.pasteLabel')}</span>
            <textarea rows={5} className="mono import__paste" value={text} placeholder={t('import.pasteHint')} onChange={(event) => setText(event.target.value)} />
          </label>
          <button type="button" className="button" disabled={busy || text.trim() === ''} onClick={() => void previewPasted()}>
            {t('import.preview')}
          </button>
        </>
      )}
      <p className="hint">
        {t('import.columns')}{' '}
        <a href="/api/sites/template.xlsx" download>
          {t('import.template')}
        </a>
      </p>
      {preview && (
        <>
          <p className="import__summary" data-testid="import-summary">
            {t('import.summary', { valid: preview.valid, invalid: preview.invalid })}
          </p>
          <Messages items={preview.fileErrors} kind="error" />
          <Messages items={preview.fileWarnings} kind="warning" />
          {(preview.duplicates ?? 0) > 0 && <p className="hint" data-testid="import-duplicates">{t('import.duplicates', { n: preview.duplicates ?? 0 })}</p>}
          <PreviewTable preview={preview} choices={choices} choose={(line, action) => setChoices((c) => ({ ...c, [line]: action }))} />
          {preview.invalid > 0 && valid.length > 0 && (
            <label className="check">
              <input type="checkbox" checked={onlyValid} onChange={(event) => setOnlyValid(event.target.checked)} />
              {t('import.onlyValid', { n: preview.invalid })}
            </label>
          )}
        </>
      )}
      <Messages items={issues} kind="error" />
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button button--primary" disabled={busy || blocked} onClick={() => void confirm()}>
          {updates > 0 ? t('import.confirmUpdates', { added: valid.length - updates, updated: updates }) : t('import.confirm', { n: valid.length })}
        </button>
      </div>
    </div>
  );
}

/** Import sites from an .xlsx/.csv file or rows pasted from Excel: preview every row, then create on confirm. */
export function ImportDialog({ open, ...props }: Props) {
  const t = useT();
  return (
    <Dialog open={open} title={t('import.title')} onClose={props.onClose} wide>
      {open && <ImportForm {...props} />}
    </Dialog>
  );
}
