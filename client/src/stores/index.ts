import { create } from 'zustand';
import { type AttendanceSlice, createAttendanceSlice } from './attendance.slice';
import { type ConnectionSlice, createConnectionSlice } from './connection.slice';
import { createMeetingSlice, type MeetingSlice } from './meeting.slice';
import { createPublicQuestionsSlice, type PublicQuestionsSlice } from './publicQuestions.slice';
import { createQuestionsSlice, type QuestionsSlice } from './questions.slice';
import { createUiSlice, type UiSlice } from './ui.slice';
import { createVideoSlice, type VideoSlice } from './video.slice';

export type AppState = MeetingSlice & AttendanceSlice & ConnectionSlice & UiSlice & QuestionsSlice & PublicQuestionsSlice & VideoSlice;

/** The one client store: meeting (server view), attendance (sites, roll calls), connection (socket and clock), ui (language, toasts), questions (moderators' and offices' rows), publicQuestions (the visible ones and the sender's own), video (the bridge's state). */
export const useAppStore = create<AppState>()((...args) => ({
  ...createMeetingSlice(...args),
  ...createAttendanceSlice(...args),
  ...createConnectionSlice(...args),
  ...createUiSlice(...args),
  ...createQuestionsSlice(...args),
  ...createPublicQuestionsSlice(...args),
  ...createVideoSlice(...args),
}));

export type { ConnectionStatus } from './connection.slice';
export type { Lang, Toast } from './ui.slice';
