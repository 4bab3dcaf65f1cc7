/**
 * The lower baseline: bare `ws`, no Socket.IO. The same audience behaviour (bench/lib/page.ts
 * over `WsPageSocket`: JSON frames `[event, payload, ackId]`, answered `["ack", ackId, data]`)
 * and the same padded snapshot and change sizes as bench/baseline-server.ts. A change is
 * serialised once and the same buffer is sent to every client: what a broadcast costs at least.
 *
 * Env: PORT (required), HOST (default 127.0.0.1), GREET_BYTES (see baseline-server.ts).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { type WebSocket, WebSocketServer } from 'ws';
import { AUDIENCE_TOKEN_PREFIX, BROADCAST_EVENT, type BroadcastRequest, greetBytesFromEnv, PAGE_ANSWERS, paddedChange, paddedSnapshot, TRIGGER_TOKEN } from './baseline-server';
import { CHANGE_EVENT, READY_EVENT } from './lib/protocol';

type Frame = [event: string, payload: unknown, ackId: number | null];

function main(): void {
  const port = Number(process.env.PORT);
  if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set to the port to listen on');
  const httpServer = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'Content-Type': 'text/plain' }).end(req.url === '/healthz' ? 'ok' : 'not found');
  });
  const wss = new WebSocketServer({ server: httpServer, backlog: 4_096 });
  const greetBytes = greetBytesFromEnv();
  const audience = new Set<WebSocket>();
  let rev = 0;

  const reply = (ws: WebSocket, id: number | null, data: unknown) => {
    if (id !== null) ws.send(JSON.stringify(['ack', id, data]));
  };

  wss.on('connection', (ws, request) => {
    const token = new URL(request.url ?? '/', 'http://x').searchParams.get('token') ?? '';
    const trigger = token === TRIGGER_TOKEN;
    ws.on('message', (data: Buffer) => {
      let frame: Frame;
      try {
        frame = JSON.parse(data.toString()) as Frame;
      } catch {
        return;
      }
      const [event, payload, id] = frame;
      if (trigger && event === BROADCAST_EVENT) {
        const { rev: next, bytes } = payload as BroadcastRequest;
        rev = next;
        reply(ws, id, { ok: true, data: { rev: next } });
        // One encode, one buffer for everyone.
        const encoded = Buffer.from(JSON.stringify([CHANGE_EVENT, paddedChange(next, bytes)]));
        for (const client of audience) client.send(encoded);
        return;
      }
      const answer = PAGE_ANSWERS[event];
      reply(ws, id, answer ? answer() : { ok: true, data: null });
    });
    if (trigger) return;
    audience.add(ws);
    ws.on('close', () => audience.delete(ws));
    const kind = token.startsWith(AUDIENCE_TOKEN_PREFIX) ? token.slice(AUDIENCE_TOKEN_PREFIX.length) : '';
    ws.send(JSON.stringify([READY_EVENT, paddedSnapshot(rev, greetBytes[kind] ?? 0)]));
  });

  httpServer.listen({ port, host: process.env.HOST ?? '127.0.0.1', backlog: 4_096 });
  const stop = () => {
    for (const client of wss.clients) client.terminate();
    wss.close(() => httpServer.close(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
