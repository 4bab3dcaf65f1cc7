/**
 * A client that speaks engine.io / socket.io by hand over a real WebSocket, so a test can send
 * any frame a hostile or broken client could — not only what socket.io-client would encode; and
 * an HTTP request written by hand over TCP, to see what the server answers before a body is sent.
 */
import { connect as connectTcp } from 'node:net';
import WebSocket from 'ws';

export type Frame = string | Buffer;

export class RawSocket {
  readonly frames: Frame[] = [];
  closed = false;
  private waiters: (() => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      const frame = isBinary ? (data as Buffer) : data.toString();
      // engine.io's heartbeat: answered as a browser would, so a slow case is not timed out
      if (frame === '2') ws.send('3');
      this.frames.push(frame);
      this.wake();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake();
    });
    ws.on('error', () => undefined);
  }

  /** Opens the WebSocket transport and waits for engine.io's open packet. */
  static async open(httpUrl: string, headers: Record<string, string> = {}): Promise<RawSocket> {
    const ws = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers });
    const socket = new RawSocket(ws);
    await socket.waitFor((f) => typeof f === 'string' && f.startsWith('0{'), 'engine.io open packet');
    return socket;
  }

  send(frame: Frame): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  /** Joins the main namespace with `auth`; answers the server's reply (`40…` connected, `44…` refused). */
  async connect(auth: unknown): Promise<string> {
    this.send(`40${JSON.stringify(auth)}`);
    const reply = await this.waitFor((f) => typeof f === 'string' && /^4[04]/.test(f), 'socket.io connect reply');
    return reply as string;
  }

  /** The first frame (already received or coming) that `match` accepts; fails after `timeoutMs` or when the socket closes. */
  async waitFor(match: (frame: Frame) => boolean, what: string, timeoutMs = 10_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.frames.find(match);
      if (found !== undefined) return found;
      if (this.closed) throw new Error(`connection closed before ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The ack the server sent for `id` on the main namespace, parsed (`43<id>[…]`). */
  async ack(id: number, timeoutMs?: number): Promise<unknown[]> {
    const prefix = `43${id}[`;
    const frame = (await this.waitFor((f) => typeof f === 'string' && f.startsWith(prefix), `ack ${id}`, timeoutMs)) as string;
    return JSON.parse(frame.slice(prefix.length - 1)) as unknown[];
  }

  /** Resolves once the server closed the connection (or after `timeoutMs`: false). */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    try {
      await this.waitFor(() => false, 'close', timeoutMs);
    } catch {
      // the wait ends either way; `closed` says which
    }
    return this.closed;
  }

  close(): void {
    this.ws.terminate();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const wake of waiting) wake();
  }
}

/**
 * Sends a request's headers declaring `declared` body bytes and only the first KB of them, then
 * waits: answers the status and body the server sent while the rest was still unsent (a server
 * that waited for the body would never answer; the test says so after 15 s).
 */
export function answeredBeforeBody(url: string, method: string, path: string, headers: Record<string, string>, declared: number): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp(Number(port), hostname);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`${method} ${path}: no answer while the body was unsent`));
    }, 15_000);
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const head = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received)?.[1];
      if (head < 0 || length === undefined || Buffer.byteLength(received.slice(head + 4)) < Number(length)) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(received.slice(9, 12)), body: received.slice(head + 4) });
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    const lines = [`${method} ${path} HTTP/1.1`, `host: ${hostname}:${port}`, `content-length: ${declared}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    socket.write(Buffer.alloc(1024, 0x7b));
  });
}
