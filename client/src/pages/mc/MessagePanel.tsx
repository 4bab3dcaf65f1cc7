import { useState } from 'react';
import { useNow } from '../../hooks/useNow';
import { useT } from '../../i18n';
import { sendCommand } from '../../realtime/commands';
import { useControlsLocked, useMessage } from '../../stores/selectors';
import { isFlashing } from '../../lib/flash';

const PRESETS = ['message.preset.1', 'message.preset.2', 'message.preset.3', 'message.preset.4'] as const;

/** What the screens show of the message, as a miniature of the projector. */
function Preview() {
  const t = useT();
  const message = useMessage();
  const now = useNow();
  const visible = message?.visible === true && message.text !== '';
  return (
    <div className="message-preview" aria-label={t('message.preview')}>
      <span className="message-preview__label">{t('message.preview')}</span>
      {visible ? (
        <p className={`message-preview__text ${isFlashing(message, now) ? 'flashing' : ''}`} data-testid="message-preview">
          {message.text}
        </p>
      ) : (
        <p className="message-preview__none">{t('message.hidden')}</p>
      )}
    </div>
  );
}

/** Message to the speaker and the screens: type, show, hide, flash. */
export function MessagePanel() {
  const t = useT();
  const message = useMessage();
  const locked = useControlsLocked();
  const [draft, setDraft] = useState(message?.text ?? '');
  if (!message) return null;
  const text = draft.trim();
  const changed = text !== message.text;

  const show = () => sendCommand('message:update', { text, visible: true });
  const flash = async () => {
    if ((changed || !message.visible) && !(await show())) return;
    await sendCommand('message:flash', {});
  };

  return (
    <section className="panel message-panel" aria-labelledby="message-title">
      <h2 id="message-title">{t('message.title')}</h2>
      <label className="field">
        <span className="visually-hidden">{t('message.label')}</span>
        <textarea rows={2} maxLength={500} value={draft} onChange={(event) => setDraft(event.target.value)} placeholder={t('message.label')} />
      </label>
      <div className="chips" role="group" aria-label={t('message.presets')}>
        {PRESETS.map((key) => (
          <button key={key} type="button" className="chip chip--button" onClick={() => setDraft(t(key))}>
            {t(key)}
          </button>
        ))}
      </div>
      <div className="controls__row">
        <button type="button" className="button button--primary" disabled={locked || text === '' || (!changed && message.visible)} onClick={() => void show()}>
          {message.visible && changed ? t('message.update') : t('message.show')}
        </button>
        <button type="button" className="button button--warning" disabled={locked || text === ''} onClick={() => void flash()}>
          ✦ {t('message.flash')}
        </button>
        <button type="button" className="button" disabled={locked || !message.visible} onClick={() => void sendCommand('message:update', { visible: false })}>
          {t('message.hide')}
        </button>
      </div>
      <Preview />
    </section>
  );
}
