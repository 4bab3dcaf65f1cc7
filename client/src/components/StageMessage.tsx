import { isFlashing } from '../lib/flash';
import { useMessage } from '../stores/selectors';

/**
 * The MC's message to the speaker ("Xin mời đồng chí kết thúc…") while it is shown: on the
 * projector, and large on the page of the site that has the floor. Blinks while the MC flashes it.
 */
export function StageMessage({ now, className, testId }: { now: number; className: string; testId: string }) {
  const message = useMessage();
  if (!message?.visible || message.text === '') return null;
  return (
    <div className={`${className} ${isFlashing(message, now) ? 'flashing' : ''}`} role="status" data-testid={testId}>
      {message.text}
    </div>
  );
}
