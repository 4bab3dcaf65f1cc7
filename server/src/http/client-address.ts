import type { IncomingMessage } from 'node:http';

/** express's compiled "trust proxy" setting: whether the hop at distance `index` is a trusted proxy. */
export type TrustProxy = (address: string, index: number) => boolean;

/**
 * The client's address of a request, walking X-Forwarded-For from the nearest hop while the
 * hop is a trusted proxy: what express's `req.ip` gives, for Socket.IO handshakes too.
 */
export function clientAddress(req: IncomingMessage, trust: TrustProxy): string {
  const remote = req.socket.remoteAddress ?? '';
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse();
  const hops = [remote, ...forwarded];
  for (let index = 0; index < hops.length - 1; index += 1) {
    if (!trust(hops[index]!, index)) return hops[index]!;
  }
  return hops.at(-1) ?? remote;
}
