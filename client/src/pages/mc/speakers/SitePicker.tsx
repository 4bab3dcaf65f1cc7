import { useT } from '../../../i18n';
import { useSortedSites } from '../../../stores/selectors';

/** "Điểm cầu" (or `label`): every site by name, or none (`noneLabel`, the value null). */
export function SitePicker({
  value,
  onChange,
  noneLabel,
  label,
  disabled = false,
  className = '',
}: {
  value: string | null;
  onChange: (siteId: string | null) => void;
  noneLabel: string;
  label?: string;
  disabled?: boolean;
  className?: string;
}) {
  const t = useT();
  const sites = useSortedSites();
  return (
    <label className={`field ${className}`}>
      <span>{label ?? t('speakers.site')}</span>
      <select value={value ?? ''} disabled={disabled} onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}>
        <option value="">{noneLabel}</option>
        {sites.map((site) => (
          <option key={site.id} value={site.id}>
            {site.name}
          </option>
        ))}
      </select>
    </label>
  );
}
