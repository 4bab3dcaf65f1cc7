import { MAX_HEADCOUNT } from '@diemcau/shared';
import { useId } from 'react';
import { useT } from '../i18n';

/** Digits only, at most the largest headcount; empty while the field is cleared. */
export const parseHeadcount = (value: string): number | null => {
  const digits = value.replace(/\D/g, '').slice(0, 5);
  return digits === '' ? null : Math.min(MAX_HEADCOUNT, Number(digits));
};

type Props = { label: string; value: number | null; onChange: (value: number | null) => void; disabled?: boolean; large?: boolean };

/** The number of people present: a big numeric field with − and + for a thumb on a phone. */
export function HeadcountInput({ label, value, onChange, disabled = false, large = false }: Props) {
  const t = useT();
  const id = useId();
  const step = (delta: number) => onChange(Math.max(0, Math.min(MAX_HEADCOUNT, (value ?? 0) + delta)));
  return (
    <div className={`headcount ${large ? 'headcount--large' : ''}`}>
      <label htmlFor={id} className="headcount__label">
        {label}
      </label>
      <div className="headcount__row">
        <button type="button" className="button headcount__step" disabled={disabled || (value ?? 0) <= 0} aria-label={t('site.headcountMinus')} onClick={() => step(-1)}>
          −
        </button>
        <input
          id={id}
          className="headcount__input mono"
          inputMode="numeric"
          autoComplete="off"
          value={value ?? ''}
          disabled={disabled}
          onChange={(event) => onChange(parseHeadcount(event.target.value))}
        />
        <button type="button" className="button headcount__step" disabled={disabled} aria-label={t('site.headcountPlus')} onClick={() => step(1)}>
          +
        </button>
      </div>
    </div>
  );
}
