import { useState } from 'react';
import { useT } from '../i18n';
import { useAppStore } from '../stores';

/** Copies `text` to the clipboard and says so for a moment. */
export function CopyButton({ text, label }: { text: string; label?: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch (error) {
      console.warn('clipboard unavailable', error);
      useAppStore.getState().pushToast('error', text);
    }
  };
  return (
    <button type="button" className="button button--small" onClick={() => void copy()} aria-label={label ? `${t('common.copy')}: ${label}` : t('common.copy')}>
      {copied ? `✓ ${t('common.copied')}` : t('common.copy')}
    </button>
  );
}
