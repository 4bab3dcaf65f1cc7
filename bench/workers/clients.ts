/**
 * A bench worker: holds a share of the audience, each client a page as bench/lib/page.ts
 * plays it, so that the server's event loop, not the driver's, is what is measured. Notes
 * when each page receives each change, and each page's latest revision.
 */
import { nowMs } from '../lib/clock';
import { serveDriver } from '../lib/connect';
import { type Page, pageSocket, type PageSpec, playPage } from '../lib/page';
import { CHANGE_EVENT, type DriverMessage, packetBytes, READY_EVENT, type WorkerMessage } from '../lib/protocol';
import { percentile } from '../lib/stats';

type Seen = { count: number; lastAt: number; bytes: number };

let pages: Page[] = [];
/** Per page: the latest revision it holds (-1: none yet). */
let revs: number[] = [];
const seen = new Map<number, Seen>();
let expected = 0;
let lost = 0;
let closing = false;

const send = (message: WorkerMessage) => process.send?.(message);

function onChange(index: number, rev: number, change: unknown): void {
  const at = nowMs();
  revs[index] = Math.max(revs[index] ?? -1, rev);
  let entry = seen.get(rev);
  if (!entry) {
    entry = { count: 0, lastAt: 0, bytes: packetBytes(CHANGE_EVENT, change) };
    seen.set(rev, entry);
  }
  entry.count += 1;
  entry.lastAt = at;
  if (entry.count === expected) send({ type: 'received', rev, lastAt: at, bytes: entry.bytes });
}

/** Opens one page; resolves with when it had its first snapshot, or why it had none within `timeoutMs` (it is then closed). */
function openPage(index: number, spec: PageSpec, message: Extract<DriverMessage, { type: 'connect' }>, snapshotBytes: Map<string, number[]>): Promise<number | string> {
  return new Promise((resolve) => {
    const socket = pageSocket(message.engine, message.url, spec.token, message.timeoutMs);
    let ready = false;
    const page = playPage(socket, spec.kind, {
      onSnapshot: (rev, snapshot) => {
        revs[index] = Math.max(revs[index] ?? -1, rev);
        if (ready) return;
        ready = true;
        clearTimeout(timer);
        const sizes = snapshotBytes.get(spec.kind) ?? [];
        if (sizes.length < 50) snapshotBytes.set(spec.kind, [...sizes, packetBytes(READY_EVENT, snapshot)]);
        resolve(nowMs());
      },
      onChange: (rev, change) => onChange(index, rev, change),
    });
    pages[index] = page;
    revs[index] = -1;
    const timer = setTimeout(() => {
      page.stop();
      resolve(`no ${READY_EVENT} within ${message.timeoutMs} ms`);
    }, message.timeoutMs);
    socket.on('disconnect', () => {
      if (!closing && ready) lost += 1;
    });
    socket.connect();
  });
}

async function connectAll(message: Extract<DriverMessage, { type: 'connect' }>): Promise<void> {
  const started = nowMs();
  const errors = new Map<string, number>();
  const snapshotBytes = new Map<string, number[]>();
  const readyAt: number[] = [];
  pages = [];
  revs = [];
  for (let offset = 0; offset < message.pages.length; offset += message.batchSize) {
    const batch = message.pages.slice(offset, offset + message.batchSize);
    const results = await Promise.all(batch.map((spec, j) => openPage(offset + j, spec, message, snapshotBytes)));
    for (const result of results) {
      if (typeof result === 'number') readyAt.push(result);
      else errors.set(result, (errors.get(result) ?? 0) + 1);
    }
  }
  expected = readyAt.length;
  send({
    type: 'connected',
    connected: readyAt.length,
    failed: message.pages.length - readyAt.length,
    errors: [...errors].map(([text, n]) => `${n}× ${text}`),
    elapsedMs: nowMs() - started,
    readyAt,
    snapshotBytes: Object.fromEntries([...snapshotBytes].map(([kind, sizes]) => [kind, percentile(sizes, 50)])),
  });
}

/** A page's connection as a line: its kind, whether connected, over which transport. */
function describe(page: Page | undefined): string {
  if (!page) return '(no page)';
  const engine = (page.socket as { io?: { engine?: { transport?: { name?: string } } } }).io?.engine;
  return `${page.kind} ${page.socket.connected ? 'connected' : 'disconnected'}${engine ? ` over ${engine.transport?.name ?? '?'}` : ''}`;
}

serveDriver<DriverMessage>(
  (message) => {
    switch (message.type) {
      case 'connect':
        return void connectAll(message);
      case 'count':
        return void send({ type: 'count', rev: message.rev, received: seen.get(message.rev)?.count ?? 0, lost });
      case 'revs': {
        const behind = revs.flatMap((rev, i) => (rev < message.rev ? [`${rev} ${describe(pages[i])}`] : []));
        return void send({ type: 'revs', rev: message.rev, atLeast: revs.length - behind.length, total: revs.length, behind: behind.slice(0, 20) });
      }
      default:
        message satisfies never;
    }
  },
  () => {
    closing = true;
    for (const page of pages) page?.stop();
  },
);
