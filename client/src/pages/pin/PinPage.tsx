import { PIN_DIGITS, PIN_PATTERN, type Role } from '@diemcau/shared';
import { type FormEvent, useRef, useState } from 'react';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { failureText, useT } from '../../i18n';
import { api } from '../../lib/api';
import { followLink, navigate } from '../../lib/router';

const SIX_DIGITS = /^\d{6}$/;
const digitsOnly = (value: string, max: number) => value.replace(/\D/g, '').slice(0, max);

/** Meeting code + PIN → the MC console or a site's page, by the PIN's role. Big fields for a phone or a TV remote. */
export function PinPage() {
  const t = useT();
  const [code, setCode] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const pinRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!SIX_DIGITS.test(code) || !PIN_PATTERN.test(pin)) return setError(t('pin.needDigits'));
    setBusy(true);
    setError(null);
    const res = await api<{ token: string; role: Role; meetingId: string }>('/pin', { method: 'POST', body: { code, pin } });
    setBusy(false);
    if (res.ok) navigate(`/${res.data.role === 'site' ? 'site' : 'mc'}/${encodeURIComponent(res.data.token)}`, { replace: true });
    else setError(failureText(res));
  };

  return (
    <div className="page">
      <header className="page__bar">
        <a href="/" className="brand" onClick={followLink}>
          diemcau
        </a>
        <LanguageSwitch />
      </header>
      <main className="page__main page__main--pin">
        <h1 className="page__title">{t('pin.title')}</h1>
        <p className="lead">{t('pin.lead')}</p>
        <form className="pin-form" onSubmit={(event) => void submit(event)} noValidate>
          <label className="pin-field">
            <span>{t('pin.code')}</span>
            <input
              name="code"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              maxLength={6}
              value={code}
              aria-invalid={error !== null}
              onChange={(event) => {
                const value = digitsOnly(event.target.value, 6);
                setCode(value);
                if (value.length === 6) pinRef.current?.focus();
              }}
            />
          </label>
          <label className="pin-field">
            <span>{t('pin.pin')}</span>
            <input
              ref={pinRef}
              name="pin"
              type="password"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={PIN_DIGITS}
              value={pin}
              aria-invalid={error !== null}
              onChange={(event) => setPin(digitsOnly(event.target.value, PIN_DIGITS))}
            />
          </label>
          <p className="pin-error" role="alert">
            {error}
          </p>
          <button type="submit" className="button button--primary button--huge" disabled={busy}>
            {busy ? t('pin.submitting') : t('pin.submit')}
          </button>
        </form>
        <a href="/" className="back-link" onClick={followLink}>
          {t('pin.back')}
        </a>
      </main>
    </div>
  );
}
