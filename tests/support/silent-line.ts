import { createServer, type Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A district line that goes silent: a TCP relay to the server that, once cut, holds every byte
 * in both directions without closing anything (no error reaches the page, as on a real line
 * whose far end went away) and delivers them when restored.
 */
export class SilentLine {
  private server: Server;
  private held: (() => void)[] = [];
  private sockets = new Set<Socket>();
  cut = false;

  private constructor(target: URL) {
    this.server = createServer((client) => {
      const upstream = new Socket();
      upstream.connect(Number(target.port), target.hostname);
      const relay = (from: Socket, to: Socket) =>
        from.on('data', (chunk) => {
          if (this.cut) this.held.push(() => to.write(chunk));
          else to.write(chunk);
        });
      relay(client, upstream);
      relay(upstream, client);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('error', () => undefined);
        s.on('close', () => {
          this.sockets.delete(s);
          client.destroy();
          upstream.destroy();
        });
      }
    });
  }

  /** A relay on a free loopback port to the server at `target` (its URL). */
  static async open(target: string): Promise<SilentLine> {
    const line = new SilentLine(new URL(target));
    await new Promise<void>((resolve) => line.server.listen(0, '127.0.0.1', resolve));
    return line;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  restore(): void {
    this.cut = false;
    for (const deliver of this.held.splice(0)) deliver();
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
