import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';

/** A Host header that can be put in a policy as is (name or address, optional port). */
const PLAIN_HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The origins a LiveKit URL stands for in `connect-src`: its WebSocket (signalling) and the
 * same host over HTTP(S) (the client checks a failed connection with a plain request).
 */
export function liveKitOrigins(url: string | null | undefined): string[] {
  if (!url) return [];
  const parsed = new URL(url);
  const secure = parsed.protocol === 'wss:' || parsed.protocol === 'https:';
  return [`${secure ? 'wss' : 'ws'}://${parsed.host}`, `${secure ? 'https' : 'http'}://${parsed.host}`];
}

/**
 * Security headers of every response (helmet) with a Content-Security-Policy that allows
 * only this server's own scripts, styles, workers and connections, plus the LiveKit server
 * for video:
 * - `script-src 'self'`: the built client has no inline script and zod runs without eval;
 * - `connect-src`: the socket on the same host (`ws:`/`wss:` named explicitly, as older
 *   Safari does not count them as 'self') and LiveKit;
 * - `img-src data: blob:`, `media-src blob: mediastream:`: pictures made in the page and camera previews;
 * - no `upgrade-insecure-requests`: a department may run diemcau on plain HTTP in its LAN.
 * `Referrer-Policy: no-referrer` keeps links, which carry tokens, out of other sites' logs.
 */
export function securityHeaders(options: { liveKitUrl?: string | null | undefined }) {
  const liveKit = liveKitOrigins(options.liveKitUrl);
  const sameHostSockets = (req: IncomingMessage) => {
    const host = req.headers.host ?? '';
    return PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : "'self'";
  };
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'blob:', 'mediastream:'],
        connectSrc: ["'self'", sameHostSockets, ...liveKit],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameSrc: ["'none'"],
        frameAncestors: ["'self'"],
        formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
