import { describeIssues, type SiteRow, SiteInput } from '@diemcau/shared';
import { type FormEvent, useState } from 'react';
import { Dialog } from '../../../components/Dialog';
import { FormFooter } from '../../../components/FormFooter';
import { parseHeadcount } from '../../../components/HeadcountInput';
import { useT } from '../../../i18n';
import { api, problemsOf } from '../../../lib/api';
import { useAppStore } from '../../../stores';

export type SiteDialogMode = { kind: 'add' } | { kind: 'edit'; site: SiteRow };

type Draft = { name: string; group: string; contactName: string; phone: string; email: string; expectedHeadcount: string };

const draftOf = (site: SiteRow | null): Draft => ({
  name: site?.name ?? '',
  group: site?.group ?? '',
  contactName: site?.contactName ?? '',
  phone: site?.phone ?? '',
  email: site?.email ?? '',
  expectedHeadcount: site?.expectedHeadcount === null || site === null ? '' : String(site.expectedHeadcount),
});

function SiteForm({ mode, meetingId, token, groups, onClose }: { mode: SiteDialogMode; meetingId: string; token: string; groups: readonly string[]; onClose: () => void }) {
  const t = useT();
  const [draft, setDraft] = useState<Draft>(() => draftOf(mode.kind === 'edit' ? mode.site : null));
  const [issues, setIssues] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const field = (key: keyof Draft) => ({ value: draft[key], onChange: (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value }) });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = SiteInput.safeParse({ ...draft, expectedHeadcount: parseHeadcount(draft.expectedHeadcount) });
    if (!parsed.success) return setIssues(describeIssues(parsed.error));
    setIssues([]);
    setBusy(true);
    const res =
      mode.kind === 'edit'
        ? await api<SiteRow>(`/meetings/${meetingId}/sites/${mode.site.id}`, { method: 'PUT', token, body: parsed.data })
        : await api<SiteRow>(`/meetings/${meetingId}/sites`, { method: 'POST', token, body: parsed.data });
    setBusy(false);
    if (!res.ok) return setIssues(problemsOf(res));
    useAppStore.getState().applySiteRow(res.data);
    useAppStore.getState().pushToast('success', mode.kind === 'edit' ? t('sites.saved') : t('sites.added'));
    onClose();
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <label className="field field--wide">
        <span>{t('sites.name')} *</span>
        <input maxLength={200} required autoFocus {...field('name')} />
      </label>
      <label className="field">
        <span>{t('sites.group')}</span>
        <input maxLength={120} list="site-groups" placeholder={t('sites.groupHint')} {...field('group')} />
        <datalist id="site-groups">
          {groups.filter(Boolean).map((g) => (
            <option key={g} value={g} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>{t('sites.expected')}</span>
        <input inputMode="numeric" {...field('expectedHeadcount')} />
      </label>
      <label className="field">
        <span>{t('sites.contact')}</span>
        <input maxLength={120} {...field('contactName')} />
      </label>
      <label className="field">
        <span>{t('sites.phone')}</span>
        <input type="tel" maxLength={30} {...field('phone')} />
      </label>
      <label className="field field--wide">
        <span>{t('sites.email')}</span>
        <input type="email" maxLength={200} {...field('email')} />
      </label>
      <FormFooter issues={issues} submitLabel={t('common.save')} busy={busy} onCancel={onClose} />
    </form>
  );
}

/** Add a site or edit one, every field of SiteInput; the server's refusal is shown in the form. */
export function SiteDialog(props: { mode: SiteDialogMode | null; meetingId: string; token: string; groups: readonly string[]; onClose: () => void }) {
  const t = useT();
  const { mode } = props;
  return (
    <Dialog open={mode !== null} title={mode?.kind === 'edit' ? t('sites.editTitle') : t('sites.addTitle')} onClose={props.onClose} wide>
      {mode && <SiteForm {...props} mode={mode} />}
    </Dialog>
  );
}
