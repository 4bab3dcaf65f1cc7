import type { SpeechKind } from '@diemcau/shared';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useT } from '../../i18n';
import { sendCommand } from '../../realtime/commands';
import { requestToSpeak } from '../../realtime/speakOutbox';
import { useAppStore } from '../../stores';
import { useControlsLocked } from '../../stores/selectors';

/** A request id of 22 url-safe characters; crypto.getRandomValues works on plain-http LAN addresses too. */
function newRequestId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

type Props = {
  kinds: readonly SpeechKind[];
  submitLabel: string;
  successText: string;
  /** The MC's site picker (a site's own requests are always its own). */
  siteField?: (siteId: string | null, setSiteId: (siteId: string | null) => void) => ReactNode;
  className?: string;
  /** A site's page: a request made without a connection is kept and sent when it is back (the outbox). */
  keepWhenOffline?: boolean;
};

/**
 * Kind, name, title and topic of a request to speak. The request id is kept until the server
 * accepts it, so a retry after a lost answer is stored once.
 */
export function SpeakRequestForm({ kinds, submitLabel, successText, siteField, className = '', keepWhenOffline = false }: Props) {
  const t = useT();
  const controlsLocked = useControlsLocked();
  const [sending, setSending] = useState(false);
  const locked = keepWhenOffline ? sending : controlsLocked;
  const [requestId, setRequestId] = useState(newRequestId);
  const [kind, setKind] = useState<SpeechKind>(kinds[0]!);
  const [speaker, setSpeaker] = useState('');
  const [speakerTitle, setSpeakerTitle] = useState('');
  const [topic, setTopic] = useState('');
  const [siteId, setSiteId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (speaker.trim() === '') return setError(t('speakers.needSpeaker'));
    setError(null);
    const input = { requestId, kind, speaker: speaker.trim(), speakerTitle: speakerTitle.trim(), topic: topic.trim(), siteId };
    let outcome: 'stored' | 'refused' | 'kept';
    if (keepWhenOffline) {
      setSending(true);
      outcome = await requestToSpeak(input).finally(() => setSending(false));
    } else outcome = (await sendCommand('queue:request', input)) ? 'stored' : 'refused';
    if (outcome === 'refused') return;
    // the next request starts blank: no kind or site left over from this one
    setRequestId(newRequestId());
    setKind(kinds[0]!);
    setSpeaker('');
    setSpeakerTitle('');
    setTopic('');
    setSiteId(null);
    useAppStore.getState().pushToast('success', outcome === 'stored' ? successText : t('site.requestKept'));
  };

  return (
    <form className={`speak-form ${className}`} onSubmit={(event) => void submit(event)} noValidate>
      <label className="field">
        <span>{t('speakers.kind')}</span>
        <select value={kind} onChange={(event) => setKind(event.target.value as SpeechKind)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {t(`speech.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('speakers.speaker')} *</span>
        <input value={speaker} maxLength={120} autoComplete="name" onChange={(event) => setSpeaker(event.target.value)} />
      </label>
      <label className="field">
        <span>{t('speakers.speakerTitle')}</span>
        <input value={speakerTitle} maxLength={120} onChange={(event) => setSpeakerTitle(event.target.value)} />
      </label>
      {siteField?.(siteId, setSiteId)}
      <label className="field field--wide">
        <span>{t('speakers.topic')}</span>
        <textarea value={topic} maxLength={500} rows={2} onChange={(event) => setTopic(event.target.value)} />
      </label>
      {error && (
        <p className="site-form__error field--wide" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button button--primary field--wide" disabled={locked}>
        {submitLabel}
      </button>
    </form>
  );
}
