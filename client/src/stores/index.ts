import { create } from 'zustand';
import { type AttendanceSlice, createAttendanceSlice } from './attendance.slice';
import { type ConnectionSlice, createConnectionSlice } from './connection.slice';
import { createMeetingSlice, type MeetingSlice } from './meeting.slice';
import { createUiSlice, type UiSlice } from './ui.slice';

export type AppState = MeetingSlice & AttendanceSlice & ConnectionSlice & UiSlice;

/** The one client store: meeting (server view), attendance (sites, roll calls), connection (socket and clock), ui (language, toasts). */
export const useAppStore = create<AppState>()((...args) => ({
  ...createMeetingSlice(...args),
  ...createAttendanceSlice(...args),
  ...createConnectionSlice(...args),
  ...createUiSlice(...args),
}));

export type { ConnectionStatus } from './connection.slice';
export type { Lang, Toast } from './ui.slice';
