import type { MyQuestion, PublicQuestion, PublicQuestionsChange, PublicQuestionsSnapshot } from '@diemcau/shared';
import type { StateCreator } from 'zustand';
import type { PendingQuestion, PendingSpeak } from '../lib/questionKeys';
import type { AppState } from './index';

/** A submission not acknowledged yet: being sent, being sent again, or waiting for the network. */
export type OutboxEntry = PendingQuestion & { state: 'sending' | 'retrying' | 'waiting' };

/**
 * What participants see of the questions: the visible ones (projector, site pages, the
 * public page) and the sender's own submissions (site and public page). Rows keep the
 * highest `version` seen, so a late batch or a slow HTTP answer never rolls a row back.
 */
export type PublicQuestionsSlice = {
  /** Visible questions by id. */
  publicQuestions: ReadonlyMap<string, PublicQuestion>;
  /** True once a snapshot (socket or HTTP) arrived. */
  publicQuestionsLoaded: boolean;
  /** The sender's own submissions by id. */
  myQuestions: ReadonlyMap<string, MyQuestion>;
  /** True once `question:mine` (or its HTTP twin) answered. */
  myQuestionsLoaded: boolean;
  /** Submissions of this device not acknowledged yet, oldest first. */
  outbox: readonly OutboxEntry[];
  /** A site's requests to speak not acknowledged yet (sent when the connection is back), oldest first. */
  speakOutbox: readonly PendingSpeak[];
  /** Questions this device (public page) or site voted for. */
  votedIds: ReadonlySet<string>;
  /** The whole visible list: rows not in it are no longer visible. */
  applyPublicQuestionsSnapshot: (snapshot: Pick<PublicQuestionsSnapshot, 'questions'>) => void;
  applyPublicQuestionsChange: (change: Pick<PublicQuestionsChange, 'questions' | 'removed'>) => void;
  /** A vote's answer: the count now, before the coalesced broadcast (which carries a newer version) arrives. */
  applyVoteCount: (questionId: string, votes: number) => void;
  /**
   * Own submissions: the whole list (`question:mine`, `complete`), rows that changed, or one
   * just sent. Rows are never dropped: a list read just before a submission committed must
   * not hide the submission the sender was just told about.
   */
  applyMyQuestions: (questions: readonly MyQuestion[], options?: { complete?: boolean }) => void;
  setOutbox: (outbox: readonly OutboxEntry[]) => void;
  setSpeakOutbox: (pending: readonly PendingSpeak[]) => void;
  setVoted: (votedIds: ReadonlySet<string>) => void;
  clearPublicQuestions: () => void;
};

type Versioned = { id: string; version: number };

/** The newer of two versions of a row. */
const newer = <T extends Versioned>(current: T | undefined, next: T): T => (current && current.version > next.version ? current : next);

/** `base` with `rows` applied, each keeping the newer of itself and its version in `previous`. */
function merged<T extends Versioned>(base: ReadonlyMap<string, T>, rows: readonly T[], previous: ReadonlyMap<string, T> = base): Map<string, T> {
  const map = new Map(base);
  for (const row of rows) map.set(row.id, newer(previous.get(row.id), row));
  return map;
}

export const createPublicQuestionsSlice: StateCreator<AppState, [], [], PublicQuestionsSlice> = (set, get) => ({
  publicQuestions: new Map(),
  publicQuestionsLoaded: false,
  myQuestions: new Map(),
  myQuestionsLoaded: false,
  outbox: [],
  speakOutbox: [],
  votedIds: new Set(),

  applyPublicQuestionsSnapshot: (snapshot) =>
    set({ publicQuestions: merged(new Map(), snapshot.questions, get().publicQuestions), publicQuestionsLoaded: true }),

  applyPublicQuestionsChange: (change) => {
    if (change.questions.length === 0 && change.removed.length === 0) return;
    const map = merged(get().publicQuestions, change.questions);
    for (const id of change.removed) map.delete(id);
    set({ publicQuestions: map });
  },

  applyVoteCount: (questionId, votes) => {
    const current = get().publicQuestions.get(questionId);
    if (!current || current.votes === votes) return;
    set({ publicQuestions: new Map(get().publicQuestions).set(questionId, { ...current, votes }) });
  },

  applyMyQuestions: (questions, { complete = false } = {}) =>
    set({ myQuestions: merged(get().myQuestions, questions), myQuestionsLoaded: get().myQuestionsLoaded || complete }),

  setOutbox: (outbox) => set({ outbox }),
  setSpeakOutbox: (speakOutbox) => set({ speakOutbox }),
  setVoted: (votedIds) => set({ votedIds }),

  /** A new connection starts from its own snapshots; the outbox and votes belong to the sender and stay. */
  clearPublicQuestions: () => set({ publicQuestions: new Map(), publicQuestionsLoaded: false, myQuestions: new Map(), myQuestionsLoaded: false }),
});
