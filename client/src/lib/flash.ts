import type { StageMessage } from '@diemcau/shared';

/** How long screens blink after the MC presses "Flash". */
export const FLASH_MS = 5_000;

/** Whether a shown message still blinks at server time `now`. */
export const isFlashing = (message: StageMessage, now: number): boolean =>
  message.visible && message.flashAt !== null && now >= message.flashAt && now - message.flashAt < FLASH_MS;
