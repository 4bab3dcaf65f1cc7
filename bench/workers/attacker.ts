/**
 * One attack on a diemcau server for `npm run bench -- --scenario hostile`, in its own process so
 * that its client-side work does not slow the measuring MC: ATTACK names it, ATTACK_MS how long,
 * ATTACK_CONFIG (JSON) the links it uses. Every attacker keeps sending as fast as it is answered
 * (its allowed rate is whatever the server lets through); prints its totals as one JSON line.
 */
import { io, type Socket } from 'socket.io-client';
import { BOMBS } from '../../tests/support/bombs';

type Config = { url: string; meetingId: string; adminToken: string; mcToken: string; boardToken: string; publicToken: string; siteToken: string };
const config = JSON.parse(process.env.ATTACK_CONFIG ?? '{}') as Config;
const attack = process.env.ATTACK ?? '';
const until = Date.now() + Number(process.env.ATTACK_MS ?? 10_000);
const totals = { requests: 0, ok: 0, refused: 0, bytes: 0, errors: 0 };

async function connect(token: string): Promise<Socket> {
  const socket = io(config.url, { auth: { token, meetingId: config.meetingId }, transports: ['websocket'], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('meeting:snapshot', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Reads answered in pages: the reader follows each one's cursor, starting over after the last page. */
const PAGED = new Set(['attendance:sync', 'questions:sync']);

/** The arguments of one read: a paged read's next page, a presence report's sample. */
function argsOf(event: string, cursors: Map<string, string | undefined>): unknown[] {
  if (PAGED.has(event)) return [{ after: cursors.get(event) }];
  return event === 'presence:report' ? [{ rttMs: 20 }] : [];
}

/** One connection sending `events` in turn, each as soon as the previous one is answered; reconnects when closed. */
async function reader(token: string, events: string[]): Promise<void> {
  let i = 0;
  const cursors = new Map<string, string | undefined>();
  while (Date.now() < until) {
    const socket = await connect(token).catch(() => null);
    if (!socket) continue;
    while (socket.connected && Date.now() < until) {
      const event = events[i++ % events.length]!;
      totals.requests++;
      try {
        const answer = (await socket.timeout(30_000).emitWithAck(event, ...argsOf(event, cursors))) as { ok?: boolean; code?: string; data?: { next?: string | null } };
        if (answer?.ok && PAGED.has(event)) cursors.set(event, answer.data?.next ?? undefined);
        totals.bytes += JSON.stringify(answer).length;
        if (answer?.code === 'rate_limited') totals.refused++;
        else totals.ok++;
      } catch {
        totals.errors++;
      }
    }
    socket.close();
  }
}

/** Uploads `bombs` in turn, each once the previous one is answered. */
async function uploader(kind: 'plan' | 'sites'): Promise<void> {
  const bombs = BOMBS.filter((b) => b.kind === kind).map((b) => ({ ...b, body: new Uint8Array(b.bytes()) }));
  const route = kind === 'plan' ? '/api/plans/preview' : `/api/meetings/${config.meetingId}/sites/import/preview`;
  for (let i = 0; Date.now() < until; i++) {
    const bomb = bombs[i % bombs.length]!;
    totals.requests++;
    try {
      const res = await fetch(`${config.url}${route}?filename=${bomb.filename}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${config.mcToken}` }, body: bomb.body });
      const text = await res.text();
      totals.bytes += text.length;
      if (bomb.limit.test(text)) totals.refused++;
      else totals.ok++;
    } catch {
      totals.errors++;
    }
  }
}

/** Downloads the meeting's exports in turn. */
async function exporter(): Promise<void> {
  const routes = [`/api/meetings/${config.meetingId}/attendance.xlsx`, `/api/meetings/${config.meetingId}/questions.xlsx`];
  for (let i = 0; Date.now() < until; i++) {
    totals.requests++;
    try {
      const res = await fetch(`${config.url}${routes[i % 2]}`, { headers: { authorization: `Bearer ${config.mcToken}` } });
      totals.bytes += (await res.arrayBuffer()).byteLength;
      if (res.status === 200) totals.ok++;
      else totals.refused++;
    } catch {
      totals.errors++;
    }
  }
}

const times = (n: number, run: () => Promise<void>) => Promise.all(Array.from({ length: n }, run));
const ATTACKS: Record<string, () => Promise<unknown>> = {
  'plan bombs': () => uploader('plan'),
  'sheet bombs': () => uploader('sites'),
  exports: () => times(2, exporter),
  'board: 3 tabs paging through attendance': () => times(3, () => reader(config.boardToken, ['attendance:sync', 'meeting:sync'])),
  'mc: every read': () => times(2, () => reader(config.mcToken, ['attendance:sync', 'questions:sync', 'meeting:access', 'meeting:sync'])),
  'public: 20 phones re-syncing': () => times(20, () => reader(config.publicToken, ['questions:sync', 'meeting:sync'])),
  'site: reports and re-syncs': () => times(3, () => reader(config.siteToken, ['presence:report', 'meeting:sync'])),
};

const run = ATTACKS[attack];
if (!run) throw new Error(`no attack "${attack}"; one of ${Object.keys(ATTACKS).join(', ')}`);
await run();
console.log(JSON.stringify(totals));
process.exit(0);
