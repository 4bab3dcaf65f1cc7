import { useEffect } from 'react';
import { connectMeeting } from '../realtime/socket';

/** Keeps the meeting socket of `token` open while the page is mounted. */
export function useMeetingConnection(token: string): void {
  useEffect(() => connectMeeting(token), [token]);
}
