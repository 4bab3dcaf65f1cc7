/**
 * The bench's one model of a page's connection, shared by every scenario that holds an
 * audience (fanout, storm, memory, two-node, soak). A client lives as the real page does
 * (client/src/realtime/socket.ts and clock.ts):
 *
 * - Socket.IO with the page's options: the default transports (HTTP long-polling first, then
 *   the upgrade to WebSocket), Socket.IO's reconnection with `RECONNECTION` from shared, a
 *   manual reconnect when the server hung up on purpose;
 * - five `clock:ping` round trips one after the other on every connect and every minute;
 * - the page's liveness watch (client/src/realtime/liveness.ts, `LIVENESS`): quiet for 2 s
 *   (no packet of any kind from the server), it asks with one `clock:ping`; silent for 20 s,
 *   it closes the transport so that Socket.IO connects anew. One timer per worker ticks every
 *   page (the page has one each; the wire sees the same);
 * - on every snapshot: a site reports its presence (its fastest round trip) and asks for its
 *   own questions, a public phone asks for its own questions with its device key; a site also
 *   reports its presence after each clock sync.
 *
 * The same behaviour runs over a bare `ws` connection (`WsPageSocket`, JSON frames) against the
 * bare ws baseline, so that the two baselines and diemcau see the same traffic.
 */
import { randomBytes } from 'node:crypto';
import { RECONNECTION } from '@diemcau/shared';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { CHANGE_EVENT, READY_EVENT } from './protocol';

/** The pages a meeting's audience is made of. */
export type PageKind = 'projector' | 'site' | 'public' | 'board';
export type PageSpec = { kind: PageKind; token: string };
/** Which wire a client speaks: Socket.IO as the pages do, or bare `ws` (the lower baseline). */
export type Engine = 'socket.io' | 'ws';
/** A deployment's links for each page kind; sites each have their own (pages beyond them share a site's link, as a site's second device). */
export type AudienceLinks = { projector: string; board: string; public: string; sites: readonly string[] };

/**
 * A realistic audience per 200 screens: 60 site pages (each site's own link), 40 projectors,
 * 1 leadership board, 99 public phones (the QR page). `kindAt(i)` interleaves them so every
 * worker and every batch holds the same mix.
 */
const PATTERN: readonly [PageKind, number][] = [
  ['board', 1],
  ['site', 60],
  ['projector', 40],
  ['public', 99],
];
const PATTERN_SIZE = PATTERN.reduce((sum, [, n]) => sum + n, 0);
const CYCLE: PageKind[] = (() => {
  // Spread each kind evenly over the cycle (largest remainder), not in blocks.
  const slots: PageKind[] = [];
  const taken = new Map<PageKind, number>();
  for (let i = 0; i < PATTERN_SIZE; i += 1) {
    let best: PageKind = 'public';
    let bestLag = -Infinity;
    for (const [kind, n] of PATTERN) {
      const lag = ((i + 1) * n) / PATTERN_SIZE - (taken.get(kind) ?? 0);
      if (lag > bestLag) [best, bestLag] = [kind, lag];
    }
    taken.set(best, (taken.get(best) ?? 0) + 1);
    slots.push(best);
  }
  return slots;
})();

export const kindAt = (index: number): PageKind => CYCLE[index % PATTERN_SIZE]!;

/** How many pages of each kind `count` screens hold. */
export function mixOf(count: number): Record<PageKind, number> {
  const mix: Record<PageKind, number> = { projector: 0, site: 0, public: 0, board: 0 };
  for (let i = 0; i < count; i += 1) mix[kindAt(i)] += 1;
  return mix;
}

/** One line saying what a run's clients are. */
export const describeMix = (count: number): string => {
  const mix = mixOf(count);
  return `${mix.site} site pages, ${mix.projector} projectors, ${mix.public} public phones, ${mix.board} board${mix.board === 1 ? '' : 's'}`;
};

/** The audience of `count` screens on `links`: page i is of kind `kindAt(i)`; site pages take the sites' links in turn. */
export function audience(count: number, links: AudienceLinks): PageSpec[] {
  let site = 0;
  return Array.from({ length: count }, (_, i) => {
    const kind = kindAt(i);
    if (kind !== 'site') return { kind, token: links[kind] };
    const token = links.sites[site % links.sites.length] ?? links.projector;
    site += 1;
    return { kind, token };
  });
}

/** What the page needs of its connection; Socket.IO's client socket is one, `WsPageSocket` the other. */
export type PageSocket = {
  readonly connected: boolean;
  on(event: string, listener: (...args: never[]) => void): unknown;
  once(event: string, listener: (...args: never[]) => void): unknown;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  connect(): unknown;
  close(): unknown;
};

const CLOCK_SAMPLES = 5;
const PING_TIMEOUT_MS = 3_000;
const CLOCK_RESYNC_MS = 60_000;
const SYNC_TIMEOUT_MS = 5_000;

/** client/src/realtime/liveness.ts's LIVENESS (not imported: that module needs a browser). */
const LIVENESS = { quietMs: 2_000, tickMs: 250, dropMs: 20_000 } as const;

type Watched = { socket: PageSocket; lastHeard: number; probeSentAt: number | null; drop(): void };
const watched = new Set<Watched>();
let ticker: ReturnType<typeof setInterval> | null = null;

/** The liveness watch of every page of this process, one tick for all. */
function tick(): void {
  const now = Date.now();
  for (const page of watched) {
    if (!page.socket.connected) continue;
    if (page.probeSentAt === null) {
      if (now - page.lastHeard >= LIVENESS.quietMs) {
        page.probeSentAt = now;
        page.socket.timeout(LIVENESS.dropMs).emitWithAck('clock:ping', now).catch(quiet);
      }
    } else if (now - page.lastHeard >= LIVENESS.dropMs) page.drop();
  }
}

/** Watches `socket`'s packets (every packet of its transport, the server's heartbeat included) as the page does. */
function watchLiveness(socket: PageSocket): () => void {
  const page: Watched = { socket, lastHeard: Date.now(), probeSentAt: null, drop: () => undefined };
  const heard = () => {
    page.lastHeard = Date.now();
    page.probeSentAt = null;
  };
  if (socket instanceof WsPageSocket) {
    socket.onPacket = heard;
    page.drop = () => socket.dropTransport();
  } else {
    const manager = (socket as unknown as { io: { on(e: 'open', l: () => void): void; engine?: { on(e: 'packet', l: () => void): void; close(): void } } }).io;
    manager.on('open', () => {
      manager.engine?.on('packet', heard);
      heard();
    });
    page.drop = () => manager.engine?.close();
  }
  watched.add(page);
  ticker ??= setInterval(tick, LIVENESS.tickMs);
  return () => {
    watched.delete(page);
    if (watched.size === 0 && ticker) {
      clearInterval(ticker);
      ticker = null;
    }
  };
}

/** What a page's owner hears: its snapshots and the changes, with their revision. */
export type PageHooks = { onSnapshot(rev: number, payload: unknown): void; onChange(rev: number, payload: unknown): void };

/** A running page: `stop` ends its minute timer and closes its socket. */
export type Page = { socket: PageSocket; kind: PageKind; stop(): void };

const quiet = () => undefined;

/**
 * Plays the page of `kind` on `socket` (listeners attached before it connects, as the page
 * does: the server sends right after the snapshot). Errors of its background requests are
 * ignored as the page logs and ignores them.
 */
export function playPage(socket: PageSocket, kind: PageKind, hooks: PageHooks): Page {
  // A public phone's device key (the page keeps one per meeting in localStorage).
  const senderKey = kind === 'public' ? randomBytes(18).toString('base64url') : null;
  let rttMs: number | null = null;
  let syncing = false;

  const reportPresence = () => {
    if (kind !== 'site' || rttMs === null) return;
    socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('presence:report', { rttMs: Math.round(rttMs) }).catch(quiet);
  };

  const syncClock = async () => {
    if (syncing || !socket.connected) return;
    syncing = true;
    let best: number | null = null;
    try {
      for (let i = 0; i < CLOCK_SAMPLES; i += 1) {
        const sentAt = Date.now();
        const serverNow = await socket.timeout(PING_TIMEOUT_MS).emitWithAck('clock:ping', sentAt);
        if (typeof serverNow !== 'number') break;
        const rtt = Date.now() - sentAt;
        best = best === null ? rtt : Math.min(best, rtt);
      }
    } catch {
      // the page keeps the samples that answered
    } finally {
      syncing = false;
    }
    if (best !== null) {
      rttMs = best;
      reportPresence();
    }
  };

  socket.on('connect', () => void syncClock());
  socket.on(READY_EVENT, (snapshot: { rev: number }) => {
    hooks.onSnapshot(snapshot.rev, snapshot);
    reportPresence();
    if (kind === 'site' || kind === 'public') {
      socket.timeout(SYNC_TIMEOUT_MS).emitWithAck('question:mine', senderKey ? { senderKey } : {}).catch(quiet);
    }
  });
  socket.on(CHANGE_EVENT, (change: { rev: number }) => hooks.onChange(change.rev, change));
  socket.on('disconnect', (reason: string) => {
    if (reason === 'io server disconnect') socket.connect();
  });
  const timer = setInterval(() => void syncClock(), CLOCK_RESYNC_MS);
  const unwatch = watchLiveness(socket);
  return {
    socket,
    kind,
    stop() {
      clearInterval(timer);
      unwatch();
      socket.close();
    },
  };
}

/**
 * A new page connection to `url`: Socket.IO as the page opens it (no forced transport:
 * polling then upgrade; the page's reconnection), or a bare ws one. One TCP connection per
 * page (`forceNew`), as N browsers open. Not connected yet: call `connect()` once `playPage`
 * has attached its listeners.
 */
export function pageSocket(engine: Engine, url: string, token: string, timeoutMs: number): PageSocket {
  if (engine === 'ws') return new WsPageSocket(url, token);
  return io(url, { auth: { token }, forceNew: true, autoConnect: false, timeout: timeoutMs, ...RECONNECTION }) as unknown as PageSocket;
}

type Listener = (...args: never[]) => void;

/**
 * The bare-ws side of the model: JSON frames `[event, payload, ackId?]`, answered
 * `["ack", ackId, data]`; reconnects after a lost connection with Socket.IO's backoff and the
 * page's `RECONNECTION` delays. Only what `playPage` uses.
 */
export class WsPageSocket implements PageSocket {
  connected = false;
  /** Called on every frame from the server (the liveness watch). */
  onPacket: () => void = () => undefined;
  private ws: WebSocket | null = null;
  private readonly listeners = new Map<string, Listener[]>();
  private readonly acks = new Map<number, (data: unknown) => void>();
  private nextAck = 0;
  private attempts = 0;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped = (...args: never[]) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((l) => l !== wrapped));
      listener(...args);
    };
    return this.on(event, wrapped);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }

  connect(): this {
    this.closed = false;
    const ws = new WebSocket(`${this.url.replace(/^http/, 'ws')}/?token=${encodeURIComponent(this.token)}`);
    this.ws = ws;
    ws.on('open', () => {
      this.connected = true;
      this.attempts = 0;
      this.fire('connect');
    });
    ws.on('message', (data: Buffer) => {
      this.onPacket();
      const [event, payload, extra] = JSON.parse(data.toString()) as [string, unknown, unknown];
      if (event === 'ack') {
        const resolve = this.acks.get(payload as number);
        this.acks.delete(payload as number);
        resolve?.(extra);
      } else this.fire(event, payload);
    });
    ws.on('error', (error) => {
      if (!this.connected) this.fire('connect_error', error);
    });
    ws.on('close', () => {
      const was = this.connected;
      this.connected = false;
      if (was) this.fire('disconnect', 'transport close');
      if (!this.closed) setTimeout(() => !this.closed && this.connect(), this.backoffMs());
    });
    return this;
  }

  /** Socket.IO's backoff: delay × 2^attempts, jittered by ± randomizationFactor, at most delayMax. */
  private backoffMs(): number {
    const { reconnectionDelay, reconnectionDelayMax, randomizationFactor } = RECONNECTION;
    const base = reconnectionDelay * 2 ** this.attempts;
    this.attempts += 1;
    const jitter = base * randomizationFactor * (Math.random() * 2 - 1);
    return Math.min(base + jitter, reconnectionDelayMax);
  }

  timeout(ms: number) {
    return {
      emitWithAck: (event: string, ...args: unknown[]): Promise<unknown> =>
        new Promise((resolve, reject) => {
          if (!this.ws || !this.connected) return reject(new Error('not connected'));
          const id = (this.nextAck += 1);
          const timer = setTimeout(() => {
            this.acks.delete(id);
            reject(new Error('operation has timed out'));
          }, ms);
          this.acks.set(id, (data) => {
            clearTimeout(timer);
            resolve(data);
          });
          this.ws.send(JSON.stringify([event, args[0] ?? null, id]));
        }),
    };
  }

  /** Ends the transport as a dead line would; the reconnection takes over. */
  dropTransport(): void {
    this.ws?.terminate();
  }

  close(): this {
    this.closed = true;
    this.ws?.close();
    return this;
  }
}
