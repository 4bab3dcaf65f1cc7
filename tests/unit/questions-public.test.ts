import { ClientKey, type MyQuestion, type PublicQuestion, vnInstant } from '@diemcau/shared';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { randomKey } from '../../client/src/lib/questionKeys';
import type { AppState } from '../../client/src/stores';
import { createPublicQuestionsSlice, type PublicQuestionsSlice } from '../../client/src/stores/publicQuestions.slice';

const AT = vnInstant('2026-11-24', '08:00');

const visible = (id: string, patch: Partial<PublicQuestion> = {}): PublicQuestion => ({
  id,
  category: 'Câu hỏi',
  officeName: '',
  text: `Câu hỏi ${id}`,
  sender: 'Ẩn danh',
  status: 'approved',
  answer: '',
  answeredBy: '',
  votes: 0,
  mergedCount: 1,
  createdAt: AT,
  version: 1,
  ...patch,
});

const mine = (id: string, patch: Partial<MyQuestion> = {}): MyQuestion => ({
  id,
  clientId: `client-${id}-0123456789`,
  category: 'Câu hỏi',
  text: `Câu hỏi ${id}`,
  status: 'pending',
  visible: false,
  answer: '',
  answeredBy: '',
  createdAt: AT,
  version: 1,
  ...patch,
});

/** The participants' questions slice alone, as the app store builds it. */
const store = () =>
  createStore<PublicQuestionsSlice>()(
    (...args) => createPublicQuestionsSlice(...(args as unknown as Parameters<typeof createPublicQuestionsSlice>)) as PublicQuestionsSlice & Partial<AppState>,
  );

describe('participants’ questions slice', () => {
  it('keeps the highest version of a visible row, whichever arrives first', () => {
    const s = store();
    s.getState().applyPublicQuestionsChange({ questions: [visible('a', { votes: 3, version: 5 })], removed: [] });
    // a snapshot read before that change (an HTTP answer, a slow sync) does not roll it back
    s.getState().applyPublicQuestionsSnapshot({ questions: [visible('a', { votes: 1, version: 4 }), visible('b')] });
    expect(s.getState().publicQuestions.get('a')?.votes).toBe(3);
    expect([...s.getState().publicQuestions.keys()].sort()).toEqual(['a', 'b']);
    expect(s.getState().publicQuestionsLoaded).toBe(true);
  });

  it('a snapshot is the whole list; a change removes what is no longer visible', () => {
    const s = store();
    s.getState().applyPublicQuestionsSnapshot({ questions: [visible('a'), visible('b'), visible('c')] });
    s.getState().applyPublicQuestionsChange({ questions: [], removed: ['b'] });
    expect([...s.getState().publicQuestions.keys()]).toEqual(['a', 'c']);
    s.getState().applyPublicQuestionsSnapshot({ questions: [visible('c', { version: 2 })] });
    expect([...s.getState().publicQuestions.keys()]).toEqual(['c']);
  });

  it('a vote answer sets the count now; the broadcast that follows wins by its version', () => {
    const s = store();
    s.getState().applyPublicQuestionsSnapshot({ questions: [visible('a', { votes: 0, version: 2 })] });
    s.getState().applyVoteCount('a', 1);
    expect(s.getState().publicQuestions.get('a')?.votes).toBe(1);
    s.getState().applyPublicQuestionsChange({ questions: [visible('a', { votes: 2, version: 3 })], removed: [] });
    expect(s.getState().publicQuestions.get('a')?.votes).toBe(2);
    // a vote on a question that left the list changes nothing
    s.getState().applyVoteCount('gone', 4);
    expect(s.getState().publicQuestions.has('gone')).toBe(false);
  });

  it('own submissions: newer versions win, and a list read before a submission committed does not hide it', () => {
    const s = store();
    s.getState().applyMyQuestions([mine('new')]);
    s.getState().applyMyQuestions([mine('old', { status: 'approved', version: 3 })], { complete: true });
    expect([...s.getState().myQuestions.keys()].sort()).toEqual(['new', 'old']);
    expect(s.getState().myQuestionsLoaded).toBe(true);
    s.getState().applyMyQuestions([mine('old', { status: 'pending', version: 2 })]);
    expect(s.getState().myQuestions.get('old')?.status).toBe('approved');
    s.getState().applyMyQuestions([mine('old', { status: 'answered', answer: 'Đã có hướng dẫn.', version: 4 })]);
    expect(s.getState().myQuestions.get('old')?.answer).toBe('Đã có hướng dẫn.');
  });
});

describe('device keys', () => {
  it('are base64url, 22 characters from 16 random bytes, accepted by the server, and differ', () => {
    const keys = Array.from({ length: 50 }, () => randomKey());
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(ClientKey.safeParse(key).success).toBe(true);
    }
    expect(new Set(keys).size).toBe(keys.length);
    expect(randomKey(18)).toHaveLength(24);
  });
});
