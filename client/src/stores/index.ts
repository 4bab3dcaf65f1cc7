import { create } from 'zustand';
import { type ConnectionSlice, createConnectionSlice } from './connection.slice';
import { createMeetingSlice, type MeetingSlice } from './meeting.slice';
import { createUiSlice, type UiSlice } from './ui.slice';

export type AppState = MeetingSlice & ConnectionSlice & UiSlice;

/** The one client store: meeting (server view), connection (socket and clock), ui (language, toasts). */
export const useAppStore = create<AppState>()((...args) => ({
  ...createMeetingSlice(...args),
  ...createConnectionSlice(...args),
  ...createUiSlice(...args),
}));

export type { ConnectionStatus } from './connection.slice';
export type { Lang, Toast } from './ui.slice';
