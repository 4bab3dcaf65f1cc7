import type { ClientSocket } from './socket';

/**
 * How soon a page says it lost the server. A phone on a district line loses it without a word:
 * no close, no error, the socket just goes quiet, and Socket.IO's own heartbeat (the server's
 * ping every 10 s, 10 s to answer) notices only after up to 20 s. So the page listens: after
 * `quietMs` without a packet from the server it asks (`clock:ping`, a few bytes); an answer not
 * there within `answerMs` (or 1.5 round trips on a slow line, whichever is longer, so a slow
 * line does not flap) and the page says it is offline — at most quietMs + answerMs + tickMs
 * after the last packet, 4.75 s. Any packet ends it. The socket itself is kept: a line that
 * comes back delivers what waited, at once. Only after `dropMs` of silence is the transport
 * closed so that Socket.IO connects anew.
 *
 * The browser's own `offline` event says it at once; `online` (and a page brought back to the
 * front) asks at once, and reconnects at once if the socket is down.
 */
export const LIVENESS = { quietMs: 2_000, answerMs: 2_500, tickMs: 250, dropMs: 20_000 } as const;

export type LivenessEvents = {
  /** The server went silent; `lastHeard` is when it last sent anything (epoch ms). */
  lost: (lastHeard: number) => void;
  /** A packet arrived after `lost`. */
  back: () => void;
  /** The round trip measured by the clock sync, to widen the wait on slow lines. */
  rttMs: () => number | null;
};

export function watchLiveness(socket: ClientSocket, on: LivenessEvents): () => void {
  let lastHeard = Date.now();
  let probeSentAt: number | null = null;
  let lost = false;

  const heard = () => {
    lastHeard = Date.now();
    probeSentAt = null;
    if (lost) {
      lost = false;
      on.back();
    }
  };
  const declareLost = () => {
    if (lost) return;
    lost = true;
    on.lost(lastHeard);
  };

  const probe = () => {
    if (!socket.connected) return;
    probeSentAt = Date.now();
    // the answer counts through the packet listener; its content is not needed
    socket.emit('clock:ping', probeSentAt, () => undefined);
  };

  // every packet of the current transport, the server's pings included
  const attach = () => {
    socket.io.engine?.on('packet', heard);
    heard();
  };
  socket.io.on('open', attach);
  if (socket.io.engine) socket.io.engine.on('packet', heard);

  const tick = window.setInterval(() => {
    if (!socket.connected) return;
    const now = Date.now();
    if (probeSentAt === null) {
      if (now - lastHeard >= LIVENESS.quietMs) probe();
      return;
    }
    const wait = Math.max(LIVENESS.answerMs, 1.5 * (on.rttMs() ?? 0));
    if (now - probeSentAt >= wait) declareLost();
    if (now - lastHeard >= LIVENESS.dropMs) {
      // the line has been silent too long to come back on this connection: start anew
      socket.io.engine?.close();
    }
  }, LIVENESS.tickMs);

  const onOffline = () => {
    if (socket.connected) declareLost();
  };
  const onOnline = () => {
    if (socket.connected) probe();
    // (not after a refused handshake or a server's hang-up: Socket.IO is not trying then)
    else if (socket.active) {
      // skip what is left of Socket.IO's back-off: the network is back now
      socket.disconnect();
      socket.connect();
    }
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') onOnline();
  };
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);

  return () => {
    window.clearInterval(tick);
    socket.io.off('open', attach);
    socket.io.engine?.off('packet', heard);
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
