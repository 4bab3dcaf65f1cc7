/**
 * The public QR link gets only what its page renders: the meeting's title, organiser, date,
 * start and venue, how questions are taken, the visible questions and its own. Every command
 * every role may send is sent with a valid payload (the agenda, the floor, the speaker queue,
 * tham luận, roll calls, the stage message, check-ins, questions…) while a real socket.io client
 * on the public link records every event and every answer it gets, and reads what it may over
 * the socket and HTTP. No text of the meeting beyond its page — derived from the meeting's own
 * state and site list, not listed by hand — ever reaches it; the projector hears it all.
 */
import { EVENT_ROLES, type MeetingChange, type MeetingSnapshot, type MeetingView, viewFor } from '@diemcau/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client } from './harness';
import { buildWorld, emit, EVENTS, validArgs, type WorldServer } from './surface';

let w: WorldServer;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);
afterAll(async () => {
  await w?.close();
});

type Heard = { event: string; args: unknown[] };
const listenAll = (heard: Heard[]) => (client: Client) => client.onAny((event: string, ...args: unknown[]) => heard.push({ event, args }));

/** Every string in a value, at any depth. */
function strings(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) strings(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) strings(item, into);
  return into;
}

/** The events the public page handles (client/src/realtime/socket.ts) and renders from. */
const PUBLIC_EVENTS = ['meeting:snapshot', 'meeting:changed', 'meeting:deleted', 'publicQuestions:snapshot', 'publicQuestions:changed', 'myQuestions:changed'];

it('the public link hears no name, topic or text beyond its page, in snapshots, broadcasts or answers; the projector hears them', async () => {
  const toPublic: Heard[] = [];
  const toProjector: Heard[] = [];
  const phone = await w.server.connect(w.tokens.public!, listenAll(toPublic));
  await w.server.connect(w.tokens.projector!, listenAll(toProjector));

  // Everything every role may do, with a valid payload each: the public phone included.
  const answersToPublic: unknown[] = [];
  for (const event of EVENTS) {
    for (const who of EVENT_ROLES[event]) {
      const answer = await emit(who === 'public' ? phone.client : w.senders.get(who)!, event, ...validArgs(event, w.world));
      if (who === 'public') answersToPublic.push(answer);
    }
  }
  // The floor to the waiting request, a visible stage message, the next item, a roll call answered.
  const mc = w.senders.get('mc')!;
  const site = w.senders.get('site')!;
  expect((await emit(mc, 'message:update', { text: 'Đề nghị các điểm cầu tắt micro', visible: true })).ok).toBe(true);
  const entry = (await w.server.app.meetings.load(w.world.meetingId))!.state.queue.entries[0];
  if (entry) await emit(mc, 'floor:give', { entryId: entry.id, rev: (await w.server.app.meetings.load(w.world.meetingId))!.rev });
  await emit(site, 'rollCall:answer', { rollCallId: w.world.rollCallId, headcount: 9 });
  for (const read of ['meeting:sync', 'questions:sync']) answersToPublic.push(await emit(phone.client, read, ...(read === 'questions:sync' ? [{}] : [])));
  for (const path of ['', '/questions']) answersToPublic.push(await (await fetch(`${w.server.url}/api/public/${w.tokens.public}${path}`)).json());
  await w.settle();

  // What the meeting holds that its public page does not show: every text of its state, and its sites.
  const state = (await w.server.app.meetings.load(w.world.meetingId))!.state;
  const sites = (await w.server.http<{ data: { name: string; representative: string }[] }>('GET', `/api/meetings/${w.world.meetingId}/sites`)).body.data;
  const shown = viewFor(state, 'public');
  const page = [...strings(shown.details), ...strings(shown.questions)];
  const questionTexts = [...strings(toPublic.filter((h) => h.event !== 'meeting:snapshot' && h.event !== 'meeting:changed').map((h) => h.args))];
  const secrets = [...strings([state, sites.map((s) => [s.name, s.representative])])]
    .filter((text) => /\p{L}.*\s.*\p{L}/u.test(text) && text.length >= 4) // words people wrote, not ids or enum values
    .filter((text) => ![...page, ...questionTexts].some((allowed) => allowed.includes(text)));
  expect(secrets.length, 'the meeting holds texts the public page does not show').toBeGreaterThan(30);
  for (const expected of ['Đề nghị các điểm cầu tắt micro', 'Tham luận về chuyển đổi số', 'Phòng GDĐT Lục Nam', 'Bà B']) expect(secrets).toContain(expected);

  // The public link: only the events its page handles, and none of those texts anywhere.
  expect([...new Set(toPublic.map((h) => h.event))].filter((event) => !PUBLIC_EVENTS.includes(event))).toEqual([]);
  const publicJson = JSON.stringify([toPublic, answersToPublic]);
  expect(secrets.filter((secret) => publicJson.includes(secret))).toEqual([]);
  // The projector heard them (the test can fail): the queue, tham luận, the message, the agenda.
  const projectorJson = JSON.stringify(toProjector);
  for (const text of ['Đề nghị các điểm cầu tắt micro', 'Tham luận về chuyển đổi số', 'Bà B', state.agenda[0]!.title]) expect(projectorJson).toContain(text);
  expect(toProjector.some((h) => h.event === 'rollCall:changed')).toBe(true);

  // Every revision reached the phone (no gap, so no re-sync), and what it holds is its page's view.
  const snapshot = toPublic.find((h) => h.event === 'meeting:snapshot')!.args[0] as MeetingSnapshot;
  const changes = toPublic.filter((h) => h.event === 'meeting:changed').map((h) => h.args[0] as MeetingChange);
  expect(changes.length).toBeGreaterThan(10);
  expect(changes.map((c) => c.rev)).toEqual(changes.map((_, i) => snapshot.rev + 1 + i));
  const held = changes.reduce<MeetingView>((view, change) => ({ ...view, ...change.patch }) as MeetingView, snapshot.view);
  const synced = (answersToPublic.find((a) => (a as { data?: { view?: unknown } }).data?.view) as { data: MeetingSnapshot }).data;
  expect(JSON.parse(JSON.stringify(held))).toEqual(JSON.parse(JSON.stringify(viewFor(state, 'public'))));
  expect(held.details.title).toBe(state.details.title);
  expect(synced.view.queue.entries).toEqual([]);
  // A change the public page does not show carries its revision only.
  expect(changes.filter((c) => Object.keys(c.patch).length === 0).length).toBeGreaterThan(5);
}, 300_000);
