import { sendCommand } from '../../realtime/commands';
import { useAppStore } from '../../stores';

/** The live controls, shared by the buttons and the keyboard shortcuts. */
export const next = () => sendCommand('agenda:next', {});
export const previous = () => sendCommand('agenda:previous', {});
export const adjust = (deltaMs: number) => sendCommand('timer:adjust', { deltaMs });

/** Pauses a running clock or resumes a paused one, as the store sees it now. */
export function togglePause(): Promise<boolean> {
  const timer = useAppStore.getState().meeting?.view.live.timer;
  return timer?.startedAt === null ? sendCommand('timer:resume', {}) : sendCommand('timer:pause', {});
}
