import { randomBytes } from 'node:crypto';
import type { MeetingAccess, MeetingSnapshot, QueueEntry, ScreenView } from '@diemcau/shared';
import { vnInstant } from '@diemcau/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type Client, ManualClock, send as sendAck, startServer, type TestServer } from './harness';

/** Sends an event; the answer typed loosely so the test reads `data` of either outcome. */
const send = (client: Client, event: string, ...args: unknown[]): Promise<any> => sendAck(client, event, ...args);

/**
 * A site's connection drops for 30 seconds while it asks to speak and sends a question: the
 * two go out as the page sends them (into a dead connection, or through just before it died
 * with the answer lost), the MC moves on meanwhile, and when the connection is back the page
 * sends both again under the same ids. Each must be stored exactly once, and the site's new
 * snapshot must show what the MC did while it was away.
 */

let clock: ManualClock;
let server: TestServer;
let access: MeetingAccess;
let siteToken: string;
let siteId: string;

beforeEach(async () => {
  clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  server = await startServer(clock);
  access = await server.createMeeting();
  await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Phòng GDĐT Lục Nam' }] });
  const site = (await server.http<{ data: { sites: { siteId: string; token: string }[] } }>('GET', `/api/meetings/${access.meetingId}/sites/access`)).body.data.sites[0]!;
  siteToken = site.token;
  siteId = site.siteId;
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

const id = () => randomBytes(16).toString('base64url');
/** How many entries the MC's queue holds, from a `meeting:sync` answer. */
const queued = (sync: { data: { view: unknown } }): number => (sync.data.view as ScreenView).queue.entries.length;

/** Cuts the site's network under socket.io: the transport closes as a pulled cable would, no goodbye sent. */
function cut(client: Client): Promise<void> {
  return new Promise((resolve) => {
    client.once('disconnect', () => resolve());
    (client.io as unknown as { engine: { close: () => void } }).engine.close();
  });
}

it.each([
  ['sent into the dead connection', 'after'],
  ['sent just before the connection died (the answer lost)', 'before'],
] as const)('a request to speak and a question %s land exactly once, and the site sees what the MC did meanwhile', async (_label, when) => {
  const mc = (await server.connect(access.mcToken)).client;
  expect((await send(mc, 'meeting:start', {})).ok).toBe(true);
  const { client: site } = await server.connect(siteToken);
  expect((await send(site, 'site:checkIn', { representative: 'Nguyễn Văn An', headcount: 12 })).ok).toBe(true);

  const request = { requestId: id(), kind: 'comment', speaker: 'Nguyễn Văn An', speakerTitle: 'Trưởng phòng', topic: 'Cơ sở vật chất', siteId: null };
  const question = { clientId: id(), text: 'Khi nào có kinh phí sửa phòng học?' };
  /** What the page does: send both, and wait at most a moment for the answers (none comes: the line is down). */
  const sendBoth = () =>
    Promise.all([
      (site.timeout(300) as Client).emitWithAck('queue:request', request as never).catch(() => null),
      (site.timeout(300) as Client).emitWithAck('question:submit', question).catch(() => null),
    ]);

  let firstTry: unknown[];
  if (when === 'before') {
    const answers = sendBoth();
    await cut(site);
    firstTry = await answers;
  } else {
    await cut(site);
    firstTry = await sendBoth();
  }
  expect(firstTry, 'no answer reached the site').toEqual([null, null]);

  // what got through before the cut is applied by now (a write still in the server's queue
  // would otherwise move the revision under the MC's next command)
  if (when === 'before') await expect.poll(async () => queued(await send(mc, 'meeting:sync')), { timeout: 10_000 }).toBe(1);

  // 30 seconds without the site: the MC moves to the next item and shows a message
  clock.advance(30_000);
  const before = (await send(mc, 'meeting:sync')).data as MeetingSnapshot;
  expect((await send(mc, 'agenda:next', { rev: before.rev })).ok).toBe(true);
  expect((await send(mc, 'message:update', { text: 'Các điểm cầu chuẩn bị ý kiến', visible: true })).ok).toBe(true);
  const now = (await send(mc, 'meeting:sync')).data as MeetingSnapshot;

  // the connection is back: a fresh snapshot, then the page sends both again with the same ids
  const snapshot = new Promise<MeetingSnapshot>((resolve) => site.once('meeting:snapshot', resolve));
  site.connect();
  const back = await snapshot;
  expect(back.rev).toBe(now.rev);
  const view = back.view as ScreenView;
  expect(view.live.timer?.itemId).toBe((now.view as ScreenView).live.timer?.itemId);
  expect(view.live.timer?.itemId).toBe(view.agenda[1]!.id);
  expect(view.message).toMatchObject({ text: 'Các điểm cầu chuẩn bị ý kiến', visible: true });

  const [requested, asked] = await Promise.all([send(site, 'queue:request', request), send(site, 'question:submit', question)]);
  expect(requested.ok).toBe(true);
  expect(asked.ok).toBe(true);
  // and once more, as a second tab or an impatient press would
  expect((await send(site, 'queue:request', request)).ok).toBe(true);
  expect(((await send(site, 'question:submit', question)).data as { id: string }).id).toBe((asked.data as { id: string }).id);

  // exactly once in the MC's queue and among the questions; the site's own list has it once
  const mcView = ((await send(mc, 'meeting:sync')).data as MeetingSnapshot).view as ScreenView;
  const entries = mcView.queue.entries.filter((e: QueueEntry) => e.requestId === request.requestId);
  expect(queued({ data: { view: mcView } })).toBe(1);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ siteId, speaker: 'Nguyễn Văn An' });
  const questions = (await send(mc, 'questions:sync')).data as { questions: { clientId?: string; text: string; siteId: string | null }[] };
  expect(questions.questions.filter((q) => q.text === question.text)).toHaveLength(1);
  const mine = (await send(site, 'question:mine', {})).data as { clientId: string }[];
  expect(mine.filter((q) => q.clientId === question.clientId)).toHaveLength(1);
});
