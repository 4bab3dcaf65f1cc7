import { ConnectionError, ConnectionErrorReason, DisconnectReason, MediaDeviceFailure } from 'livekit-client';
import type { MessageKey, Translate } from '../../i18n';

/**
 * What went wrong in words a hall technician can act on: the room could not be reached
 * (`failed`) or it ended for this page (`ended`), and whether trying again can help by itself.
 */
export type Trouble = { state: 'failed' | 'ended'; title: string; detail: string; retry: boolean };

/** Why the room could not be reached: the LiveKit address is wrong, blocked, or refused our access. */
export function connectTrouble(t: Translate, error: unknown, url: string): Trouble {
  // an https page may not open ws:// (mixed content): the address must be wss://
  if (window.location.protocol === 'https:' && url.startsWith('ws://')) {
    return { state: 'failed', title: t('video.failed.title'), detail: t('video.failed.insecure', { url }), retry: false };
  }
  if (error instanceof ConnectionError) {
    switch (error.reason) {
      case ConnectionErrorReason.NotAllowed:
        return { state: 'failed', title: t('video.failed.title'), detail: t('video.failed.notAllowed'), retry: true };
      case ConnectionErrorReason.Cancelled:
      case ConnectionErrorReason.LeaveRequest:
        return { state: 'ended', title: t('video.ended.title'), detail: t('video.ended.other'), retry: true };
      default:
        break;
    }
  }
  return { state: 'failed', title: t('video.failed.title'), detail: t('video.failed.unreachable', { url }), retry: true };
}

/**
 * The room ended for this page: by the MC, by another device of the same site, by the room
 * closing, or by the network. `null`: the user left on purpose.
 */
export function endTrouble(t: Translate, reason: DisconnectReason | undefined): Trouble | null {
  switch (reason) {
    case DisconnectReason.CLIENT_INITIATED:
      return null;
    case DisconnectReason.PARTICIPANT_REMOVED:
      return { state: 'ended', title: t('video.ended.title'), detail: t('video.ended.removed'), retry: false };
    case DisconnectReason.DUPLICATE_IDENTITY:
      return { state: 'ended', title: t('video.ended.title'), detail: t('video.ended.duplicate'), retry: false };
    case DisconnectReason.ROOM_DELETED:
    case DisconnectReason.ROOM_CLOSED:
      return { state: 'ended', title: t('video.ended.title'), detail: t('video.ended.roomClosed'), retry: false };
    default:
      return { state: 'ended', title: t('video.ended.title'), detail: t('video.ended.network'), retry: true };
  }
}

const DEVICE_MESSAGES: Record<MediaDeviceFailure, MessageKey> = {
  [MediaDeviceFailure.PermissionDenied]: 'video.device.denied',
  [MediaDeviceFailure.NotFound]: 'video.device.notFound',
  [MediaDeviceFailure.DeviceInUse]: 'video.device.inUse',
  [MediaDeviceFailure.Other]: 'video.device.other',
};

/** A camera or microphone that could not be opened: allow it, plug it in, or close the app holding it. */
export function deviceFailure(t: Translate, failure: MediaDeviceFailure | undefined): string {
  if (!window.isSecureContext) return t('video.device.insecure');
  return t(DEVICE_MESSAGES[failure ?? MediaDeviceFailure.Other]);
}

export const deviceTrouble = (t: Translate, error: unknown): string => deviceFailure(t, MediaDeviceFailure.getFailure(error));

/** getUserMedia's own failures (LiveKit's `MediaDeviceFailure.getFailure` calls any named error "Other"). */
const DEVICE_ERRORS = new Set(['NotFoundError', 'DevicesNotFoundError', 'NotAllowedError', 'PermissionDeniedError', 'NotReadableError', 'TrackStartError', 'OverconstrainedError', 'AbortError']);

/** Whether an error came from opening a camera or microphone, not from the connection. */
export const isDeviceError = (error: unknown): boolean => !(error instanceof ConnectionError) && error instanceof Error && DEVICE_ERRORS.has(error.name);
