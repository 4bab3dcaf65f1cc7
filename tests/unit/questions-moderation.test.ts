import { foldVietnamese, type Question, vnInstant } from '@diemcau/shared';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { compareQuestions, countByStatus, defaultKeeper, haystackOf, inTab, isEntry, mergedByEntry, whenOf } from '../../client/src/lib/questions';
import type { AppState } from '../../client/src/stores';
import { createQuestionsSlice, type QuestionsSlice } from '../../client/src/stores/questions.slice';
import { questionFixture } from './fixtures';

const AT = vnInstant('2026-11-24', '08:00');

const question = (id: string, patch: Partial<Question> = {}) => questionFixture(id, AT, { text: `Câu hỏi ${id}`, originalText: `Câu hỏi ${id}`, anonymous: true, ...patch });

/** The questions slice alone, as the app store builds it. */
const questionsStore = () => createStore<QuestionsSlice>()((...args) => createQuestionsSlice(...(args as unknown as Parameters<typeof createQuestionsSlice>)) as QuestionsSlice & Partial<AppState>);

describe('questions slice', () => {
  it('keeps the highest version of each row, whatever order batches and answers arrive in', () => {
    const store = questionsStore();
    store.getState().applyQuestionsSnapshot({ meetingId: 'm1', questions: [question('a'), question('b')] });
    store.getState().applyQuestionRows([question('a', { status: 'approved', version: 3 })]);
    store.getState().applyQuestionsChange({ meetingId: 'm1', questions: [question('a', { status: 'pending', version: 2 }), question('c', { version: 1 })], removed: [] });
    const { questions, questionsLoaded } = store.getState();
    expect(questionsLoaded).toBe(true);
    expect(questions.get('a')?.status).toBe('approved');
    expect([...questions.keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it('drops removed rows (a question routed away from an office) and takes them back when they return', () => {
    const store = questionsStore();
    store.getState().applyQuestionsSnapshot({ meetingId: 'm1', questions: [question('a'), question('b')] });
    store.getState().applyQuestionsChange({ meetingId: 'm1', questions: [], removed: ['a'] });
    expect([...store.getState().questions.keys()]).toEqual(['b']);
    store.getState().applyQuestionsChange({ meetingId: 'm1', questions: [question('a', { version: 4 })], removed: [] });
    expect(store.getState().questions.get('a')?.version).toBe(4);
  });

  it('a new snapshot replaces the list but never rolls a row back', () => {
    const store = questionsStore();
    store.getState().applyQuestionsSnapshot({ meetingId: 'm1', questions: [question('a', { version: 5 }), question('b')] });
    store.getState().applyQuestionsSnapshot({ meetingId: 'm1', questions: [question('a', { version: 4 })] });
    expect([...store.getState().questions.values()].map((q) => [q.id, q.version])).toEqual([['a', 5]]);
    store.getState().clearQuestions();
    expect(store.getState().questions.size).toBe(0);
    expect(store.getState().questionsLoaded).toBe(false);
  });

  it('an empty batch leaves the map as it was (no re-render)', () => {
    const store = questionsStore();
    store.getState().applyQuestionsSnapshot({ meetingId: 'm1', questions: [question('a')] });
    const before = store.getState().questions;
    store.getState().applyQuestionsChange({ meetingId: 'm1', questions: [], removed: [] });
    expect(store.getState().questions).toBe(before);
  });
});

describe('moderation list helpers', () => {
  const rows = [
    question('p1'),
    question('p2', { flags: ['x'] }),
    question('a1', { status: 'approved', visible: true }),
    question('ans', { status: 'answered', visible: true }),
    question('r1', { status: 'rejected' }),
    question('m1', { mergedInto: 'a1' }),
    question('m2', { mergedInto: 'a1', createdAt: AT - 1_000 }),
  ];

  it('counts entries per tab; merged rows count in their entry only', () => {
    const entries = rows.filter(isEntry);
    expect(countByStatus(entries)).toEqual({ pending: 2, approved: 1, answered: 1, rejected: 1, open: 3, all: 5 });
  });

  it.each([
    ['pending', ['p1', 'p2']],
    ['open', ['p1', 'p2', 'a1']],
    ['answered', ['ans']],
    ['all', ['p1', 'p2', 'a1', 'ans', 'r1']],
  ] as const)('tab %s holds %j', (tab, ids) => {
    expect(
      rows
        .filter(isEntry)
        .filter((q) => inTab(tab, q))
        .map((q) => q.id),
    ).toEqual(ids);
  });

  it('lists merged rows under their entry, oldest first', () => {
    expect(mergedByEntry(rows).get('a1')?.map((q) => q.id)).toEqual(['m2', 'm1']);
  });

  it('orders by votes (then newest) or newest first', () => {
    const list = [question('old', { votes: 5, createdAt: AT }), question('new', { votes: 1, createdAt: AT + 60_000 }), question('tie', { votes: 5, createdAt: AT + 1 })];
    expect([...list].sort(compareQuestions('votes')).map((q) => q.id)).toEqual(['tie', 'old', 'new']);
    expect([...list].sort(compareQuestions('time')).map((q) => q.id)).toEqual(['new', 'tie', 'old']);
  });

  it('searches text as shown and as sent, sender and answer, without diacritics; an anonymous name is not searchable', () => {
    const edited = question('e', { text: 'Hướng dẫn tuyển sinh', originalText: 'Hướng dẩn tuyển sinh', anonymous: false, senderName: 'Phạm Thu Hà', answer: 'Đã có công văn' });
    const hay = haystackOf(edited);
    for (const words of ['huong dan tuyen sinh', 'huong dan', 'pham thu ha', 'cong van']) expect(hay).toContain(foldVietnamese(words));
    expect(haystackOf(question('h', { anonymous: true, senderName: 'Bí Mật' }))).not.toContain('bi mat');
  });

  it('keeps the answered entry of a duplicate group, else the approved one, else the most merged or voted, else the first sent', () => {
    expect(defaultKeeper([question('a'), question('b', { status: 'approved' }), question('c', { status: 'answered' })]).id).toBe('c');
    expect(defaultKeeper([question('a'), question('b', { votes: 3 }), question('c', { mergedCount: 2 })]).id).toBe('c');
    expect(defaultKeeper([question('a', { createdAt: AT + 5 }), question('b', { createdAt: AT })]).id).toBe('b');
  });

  it('shows the time alone on the same day in Vietnam, with the date otherwise', () => {
    expect(whenOf(vnInstant('2026-11-24', '09:15'), vnInstant('2026-11-24', '23:59'))).toBe('09:15');
    expect(whenOf(vnInstant('2026-11-23', '23:50'), vnInstant('2026-11-24', '00:10'))).toBe('23:50 23/11');
  });
});
