import { DEFAULT_QUESTION_SETTINGS, moderatesQuestions, type Question, type QuestionSettings, type Spotlight } from '@diemcau/shared';
import { useMemo } from 'react';
import { isEntry } from '../../lib/questions';
import { useAppStore } from '../../stores';

/** The questions settings of the meeting (every role's view carries them). */
export const useQuestionSettings = (): QuestionSettings => useAppStore((s) => s.meeting?.view.questions ?? DEFAULT_QUESTION_SETTINGS);

/** The question pinned to the projector, or null. */
export const useSpotlight = (): Spotlight | null => useAppStore((s) => s.meeting?.view.spotlight ?? null);

export const useQuestionsLoaded = () => useAppStore((s) => s.questionsLoaded);

/** What this link may do with questions: moderate (MC, organiser, moderator link) and change settings and links (MC, organiser). */
export function useQuestionRights(): { moderate: boolean; configure: boolean } {
  const role = useAppStore((s) => s.meeting?.role ?? null);
  return useMemo(() => ({ moderate: role !== null && moderatesQuestions(role), configure: role === 'admin' || role === 'mc' }), [role]);
}

/** Every row the store holds (merged ones included), as a new array only when a batch changed some. */
export function useQuestionRows(): readonly Question[] {
  const questions = useAppStore((s) => s.questions);
  return useMemo(() => [...questions.values()], [questions]);
}

/** Entries waiting for a moderator: the MC header's badge. */
export const usePendingCount = () =>
  useAppStore((s) => {
    let n = 0;
    for (const q of s.questions.values()) if (isEntry(q) && q.status === 'pending') n += 1;
    return n;
  });
