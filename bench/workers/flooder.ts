/**
 * One client flooding a diemcau server (its own process, so the flood's client-side work does
 * not slow the measuring clients): connects with FLOOD_TOKEN, sends as fast as the socket takes
 * them (500 in flight at most), reconnects at once when the server closes it, until FLOOD_MS
 * have passed; prints its totals as one JSON line.
 */
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

const url = process.env.FLOOD_URL ?? '';
const token = process.env.FLOOD_TOKEN ?? '';
const until = Date.now() + Number(process.env.FLOOD_MS ?? 10_000);
const MAX_IN_FLIGHT = 500;
const totals = { sent: 0, answered: 0, rateLimited: 0, connections: 0, closedByServer: 0 };
const tick = () => new Promise((resolve) => setImmediate(resolve));

/** The flood: full re-syncs (the heaviest read), question submissions and clock samples, in turn. */
function send(socket: Socket, i: number, done: () => void): void {
  const answer = (res: { ok?: boolean; code?: string } | number) => {
    totals.answered += 1;
    if (typeof res === 'object' && res?.code === 'rate_limited') totals.rateLimited += 1;
    done();
  };
  if (i % 3 === 0) socket.emit('meeting:sync', answer);
  else if (i % 3 === 1) socket.emit('question:submit', { clientId: randomBytes(12).toString('base64url'), text: `Câu hỏi số ${i} gửi liên tục` }, answer);
  else socket.emit('clock:ping', Date.now(), answer);
}

while (Date.now() < until) {
  const socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
  const connected = await new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  });
  if (!connected) {
    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    continue;
  }
  totals.connections += 1;
  let inFlight = 0;
  let closed = false;
  socket.once('disconnect', (reason) => {
    closed = true;
    if (reason === 'io server disconnect' || reason === 'transport close') totals.closedByServer += 1;
  });
  while (!closed && Date.now() < until) {
    if (inFlight >= MAX_IN_FLIGHT) {
      await tick();
      continue;
    }
    inFlight += 1;
    totals.sent += 1;
    send(socket, totals.sent, () => (inFlight -= 1));
    if (totals.sent % 50 === 0) await tick();
  }
  socket.close();
}
console.log(JSON.stringify(totals));
process.exit(0);
