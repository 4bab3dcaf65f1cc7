import type { Question, QuestionsChange, QuestionsSnapshot } from '@diemcau/shared';
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type QuestionsSlice = {
  /** Every question by id (moderators), or those routed to one office (its inbox); merged rows included. */
  questions: ReadonlyMap<string, Question>;
  /** True once the first `questions:snapshot` arrived. */
  questionsLoaded: boolean;
  applyQuestionsSnapshot: (snapshot: QuestionsSnapshot) => void;
  applyQuestionsChange: (change: QuestionsChange) => void;
  /** Rows from a command's answer (the broadcast that follows carries the same version). */
  applyQuestionRows: (rows: readonly Question[]) => void;
  clearQuestions: () => void;
};

/** The newer of two versions of a row: a late batch or answer never rolls a row back. */
const newer = (current: Question | undefined, next: Question) => (current && current.version > next.version ? current : next);

export const createQuestionsSlice: StateCreator<AppState, [], [], QuestionsSlice> = (set, get) => ({
  questions: new Map(),
  questionsLoaded: false,

  applyQuestionsSnapshot: (snapshot) => {
    const current = get().questions;
    // the snapshot is the whole list: rows it lacks are gone; a row we already hold in a newer version stays newer
    const questions = new Map(snapshot.questions.map((q) => [q.id, newer(current.get(q.id), q)]));
    set({ questions, questionsLoaded: true });
  },

  applyQuestionsChange: (change) => {
    if (change.questions.length === 0 && change.removed.length === 0) return;
    const questions = new Map(get().questions);
    for (const q of change.questions) questions.set(q.id, newer(questions.get(q.id), q));
    for (const id of change.removed) questions.delete(id);
    set({ questions });
  },

  applyQuestionRows: (rows) => {
    if (rows.length === 0) return;
    const questions = new Map(get().questions);
    for (const q of rows) questions.set(q.id, newer(questions.get(q.id), q));
    set({ questions });
  },

  clearQuestions: () => set({ questions: new Map(), questionsLoaded: false }),
});
