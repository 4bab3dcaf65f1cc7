import { useEffect } from 'react';
import { useAppStore } from '../../stores';
import { next, previous, togglePause } from './actions';

const TYPING = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (TYPING.has(target.tagName) || target.isContentEditable);

/**
 * Space pauses/resumes, → / PageDown goes to the next item, ← / PageUp to the previous one.
 * Ignored while typing, while a dialog is open, before the start and while a command is in flight.
 * Space is taken even on a focused button, so it never "clicks" the last button pressed.
 * Only while `enabled` (the console view): on the sites, speakers or questions views the same
 * keys must not move the agenda.
 */
export function useShortcuts(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const actions: Record<string, () => unknown> = {
      ' ': togglePause,
      ArrowRight: next,
      PageDown: next,
      ArrowLeft: previous,
      PageUp: previous,
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const action = actions[event.key];
      if (!action || event.altKey || event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      const state = useAppStore.getState();
      if (event.repeat || state.pendingCommands > 0 || state.meeting?.view.live.status !== 'live') return;
      void action();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' && !isTyping(event.target) && !document.querySelector('dialog[open]')) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, [enabled]);
}
