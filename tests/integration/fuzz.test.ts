/**
 * Fuzzing (fast-check, seeded): every client event and every HTTP route receives generated
 * invalid payloads — wrong types, missing fields, huge strings, deep nesting, unicode oddities
 * (lone surrogates, RTL overrides, zero-width, NUL), prototype-pollution keys, binary (Buffers
 * and ArrayBuffers through socket.io), non-function or missing acks. Each gets an error answer
 * (or, without an ack to answer, nothing), changes nothing of the meeting, makes no watcher
 * hear anything, never pollutes Object.prototype, and the process stays up.
 *
 * `FUZZ_RUNS` (cases per event, default 40; a quarter of that per route) and `FUZZ_SEED` run more or other
 * cases: `FUZZ_RUNS=2000 npx vitest run tests/integration/fuzz.test.ts`.
 */
import { EVENT_INPUTS, EVENT_ROLES, type Role } from '@diemcau/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from './harness';
import { type Frame, RawSocket } from './raw-socket';
import { buildWorld, emit, type EventName, EVENTS, ROUTES, validArgs, type WorldServer } from './surface';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_124);
const ERROR_CODES = ['invalid', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'rate_limited', 'internal'];

let w: WorldServer;
const counts = { socket: 0, http: 0, polluted: 0, frames: 0 };
const crashes: unknown[] = [];
const onCrash = (error: unknown) => crashes.push(error);
const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort().join();
let cleanPrototype: string;

beforeAll(async () => {
  process.on('unhandledRejection', onCrash);
  process.on('uncaughtException', onCrash);
  cleanPrototype = prototypeKeys();
  w = await buildWorld({ questionLimits: { perSender: 100_000, perAddress: 0, perMeeting: 0, votesPerSender: 100_000, votesPerAddress: 0, votesPerMeeting: 0 } });
}, 30_000);

afterAll(async () => {
  console.log(
    `fuzz (seed ${SEED}, ${RUNS} runs each): ${counts.socket} socket messages, ${counts.frames} raw frame cases, ${counts.http} HTTP requests, ${counts.polluted} valid messages with pollution keys; ${counts.socket + counts.frames + counts.http + counts.polluted} cases`,
  );
  process.off('unhandledRejection', onCrash);
  process.off('uncaughtException', onCrash);
  await w?.close();
});

// ------------------------------------------------------------------ generators

const LONE_SURROGATES = ['\uD800', '\uDFFF', 'a\uDC00b', '\uD83D'];
const ODD = ['\u202E', '\u202Dabc\u202C', '\u200B', '\u200D', '\uFEFF', '\0', 'a\0b', '\u0085', '\u2028', '\u{10FFFF}', '<script>alert(1)</script>', '${7*7}', '../../etc/passwd', 'NaN', '-0', ' ', ''];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** An object with `key` as its own enumerable property (an object literal's `__proto__:` would set the prototype instead). */
const withOwn = (base: object, key: string, value: unknown) => Object.defineProperty({ ...base }, key, { value, enumerable: true, configurable: true, writable: true });
const nest = (depth: number, asArray: boolean): unknown => {
  let value: unknown = 'fond';
  for (let i = 0; i < depth; i += 1) value = asArray ? [value] : { a: value };
  return value;
};

const oddString = fc.oneof(
  fc.constantFrom(...LONE_SURROGATES, ...ODD),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.constantFrom(...LONE_SURROGATES, ...ODD), fc.string({ maxLength: 20 })).map(([odd, text]) => `${text}${odd}${text}`),
  // Huge, yet under the socket's message limit (a bigger message closes the connection: overload.test.ts).
  fc.integer({ min: 1_000, max: 20_000 }).map((n) => 'x'.repeat(n)),
);
const binary = fc.oneof(
  fc.uint8Array({ maxLength: 2_048 }).map((bytes) => Buffer.from(bytes)),
  fc.uint8Array({ maxLength: 512 }).map((bytes) => bytes.buffer),
);
const scalar = fc.oneof(oddString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(-0, 2 ** 53 + 2, 1e308, -1e308), binary);
const protoObject = fc.tuple(fc.constantFrom(...PROTO_KEYS), fc.oneof(scalar, fc.constant({ polluted: 'yes' }))).map(([key, value]) => withOwn({}, key, value));
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 6, key: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom(...PROTO_KEYS)), values: [scalar] }) },
  { weight: 3, arbitrary: scalar },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 50, max: 800 }), fc.boolean()).map(([depth, asArray]) => nest(depth, asArray)) },
  { weight: 1, arbitrary: protoObject },
);

/** Payloads for `event` that its schema refuses: junk, or a valid payload with one field wrong, missing or polluted. */
function invalidPayloads(event: EventName): fc.Arbitrary<unknown> {
  const schema = EVENT_INPUTS[event]!;
  const valid = validArgs(event, w.world)[0] as Record<string, unknown>;
  const fields = typeof valid === 'object' && valid !== null ? Object.keys(valid) : [];
  const mutated =
    fields.length === 0
      ? [junk]
      : [
          fc.tuple(fc.constantFrom(...fields), junk).map(([field, value]) => ({ ...valid, [field]: value })),
          fc.constantFrom(...fields).map((field) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== field))),
          fc.tuple(fc.constantFrom(...PROTO_KEYS), junk, fc.constantFrom(...fields), junk).map(([key, value, field, wrong]) => withOwn({ ...valid, [field]: wrong }, key, value)),
        ];
  return fc.oneof(junk, ...mutated, fc.array(junk, { maxLength: 4 }), fc.constant(undefined)).filter((payload) => !schema.safeParse(payload).success);
}

/** How a message is sent: with an ack (answered), without one, or with a "callback" that is not a function. */
const ackKind = fc.oneof({ weight: 4, arbitrary: fc.constant('ack' as const) }, fc.constant('none' as const), scalar.map((value) => ({ notAFunction: value })));

// ------------------------------------------------------------------ socket

const senderRole = (event: EventName): Role => (EVENT_ROLES[event].includes('mc') ? 'mc' : EVENT_ROLES[event][0]!);

/** The connected sender of `role`, reconnected when a case closed it. */
async function sender(role: Role): Promise<Client> {
  const current = w.senders.get(role)!;
  if (current.connected) return current;
  current.close();
  const fresh = await w.connectAs(role);
  if (!fresh) throw new Error(`${role} could not reconnect`);
  w.senders.set(role, fresh);
  return fresh;
}

/** Sends one case and checks its answer; then the meeting must be as it was. */
async function socketCase(event: EventName, args: unknown[], ack: 'ack' | 'none' | { notAFunction: unknown }, label: string) {
  const role = senderRole(event);
  const client = await sender(role);
  w.label(label);
  const before = await w.fingerprintA();
  if (ack === 'ack') {
    const answer = await emit(client, event, ...args);
    if (event === 'clock:ping') expect(typeof answer, label).toBe('number');
    else {
      expect(answer, label).toMatchObject({ ok: false });
      expect(ERROR_CODES, label).toContain(answer.code);
      expect(answer.code, `${label}: ${answer.message}`).not.toBe('internal');
      expect(typeof answer.message, label).toBe('string');
    }
  } else {
    (client as unknown as { emit: (...a: unknown[]) => void }).emit(event, ...args, ...(ack === 'none' ? [] : [ack.notAFunction]));
    // Messages on one connection are handled in order: once this ping is answered, the case was.
    expect(typeof (await emit(await sender(role), 'clock:ping', 0)), label).toBe('number');
  }
  expect(await w.fingerprintA(), `${label} changed meeting A`).toBe(before);
  expect(prototypeKeys(), `${label} polluted Object.prototype`).toBe(cleanPrototype);
  counts.socket += 1;
}

const describeCase = (args: unknown[]) => {
  try {
    return JSON.stringify(args, (_k, v: unknown) => (Buffer.isBuffer(v) || v instanceof ArrayBuffer ? '<binary>' : v))?.slice(0, 300);
  } catch {
    return '<unprintable>';
  }
};

describe('fuzzing socket events', () => {
  it('every event refuses what its schema refuses, changes nothing and tells no one', async () => {
    await w.settle();
    const start = w.heard.length;
    for (const event of EVENTS) {
      const schema = EVENT_INPUTS[event];
      // Events that take only the ack: any payload sits where the ack should be, so it is never answered.
      const cases =
        schema === null
          ? fc.tuple(fc.array(junk, { minLength: 1, maxLength: 3 }), fc.constant('none' as const))
          : event === 'clock:ping'
            ? fc.tuple(fc.array(junk, { maxLength: 1 }), ackKind)
            : fc.tuple(invalidPayloads(event).map((p) => [p]), ackKind);
      await fc.assert(
        fc.asyncProperty(cases, async ([args, ack]) => {
          await socketCase(event, args, ack, `${event} ${describeCase(args)} ${typeof ack === 'string' ? ack : 'non-function ack'}`);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    await w.settle();
    expect(w.heard.slice(start).map((h) => `${h.audience} heard ${h.event} during ${h.during}`)).toEqual([]);
    expect(crashes).toEqual([]);
  }, 600_000);

  it('valid messages with pollution keys added never pollute Object.prototype nor fail inside', async () => {
    for (const event of EVENTS) {
      const valid = validArgs(event, w.world)[0];
      if (typeof valid !== 'object' || valid === null) continue;
      for (const key of PROTO_KEYS) {
        const label = `${event} with own "${key}"`;
        const answer = await emit(await sender(senderRole(event)), event, withOwn(valid, key, { polluted: 'yes', toString: 'x' }));
        expect(answer.code, `${label}: ${answer.message}`).not.toBe('internal');
        expect(prototypeKeys(), label).toBe(cleanPrototype);
        expect(({} as { polluted?: string }).polluted, label).toBeUndefined();
        counts.polluted += 1;
      }
    }
  });
});

// ------------------------------------------------------------------ HTTP

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', ''];
const oddSegment = fc.oneof(
  oddString.map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?'))),
  fc.constantFrom('%', '%00', '%ED%A0%80', '%E0%A4%A', '..%2F..%2Fetc%2Fpasswd', '__proto__', 'constructor', '%C0%AE%C0%AE', 'x'.repeat(5_000)),
);
const oddQuery = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom('q', 'senderKey', 'filename', '__proto__[x]', 'constructor[prototype][x]', 'q[]', 'senderKey[0]'), fc.string({ maxLength: 8 })), oddSegment), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${v}`).join('&'));
const oddBody = fc.oneof(
  junk.map((value) => JSON.stringify(value) ?? 'null'),
  fc.constantFrom('{', '{"a":', '\0', '[]', 'null', '"x"', '{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '\uFEFF{}'),
  fc.integer({ min: 10_000, max: 40_000 }).map((n) => JSON.stringify({ text: 'y'.repeat(n) })),
);

const httpActor = (allowed: (typeof ROUTES)[string]['allowed']): Role | null => (Array.isArray(allowed) ? (allowed.includes('mc') ? 'mc' : allowed[0]!) : allowed === 'publicLink' ? 'public' : null);

describe('fuzzing HTTP routes', () => {
  it('every route answers odd paths, queries and bodies with a 4xx and a message (or serves them) and changes nothing when it refuses', async () => {
    await w.settle();
    const start = w.heard.length;
    const served = new Set<string>();
    for (const [route, row] of Object.entries(ROUTES)) {
      const [method, template] = route.split(' ') as [string, string];
      const role = httpActor(row.allowed);
      const params = (template.match(/:[a-zA-Z]+/g) ?? []).filter((p) => p !== ':token');
      const cases = fc.record({
        // Each path parameter kept (meeting A's) or replaced by an odd one.
        params: fc.array(fc.option(oddSegment, { nil: undefined }), { minLength: params.length, maxLength: params.length }),
        query: fc.option(oddQuery, { nil: undefined }),
        body: method === 'GET' || method === 'DELETE' ? fc.constant(undefined) : fc.option(oddBody, { nil: undefined }),
        type: fc.constantFrom(...CONTENT_TYPES),
      });
      await fc.assert(
        fc.asyncProperty(cases, async ({ params: odd, query, body, type }) => {
          // A destructive route acts on the spare meeting: deleting meeting A would end the run.
          let path = row.path(row.spare ? { ...w.world, meetingId: w.world.spareMeetingId } : w.world).replace(':token', w.pathTokens.public).split('?')[0]!;
          // Replace the parameters in the order the template names them (the path builder filled them with A's ids).
          const templateParts = template.split('/');
          const pathParts = path.split('/');
          templateParts.forEach((part, i) => {
            const index = params.indexOf(part);
            if (index >= 0 && odd[index] !== undefined) pathParts[i] = odd[index]!;
          });
          path = pathParts.join('/') + (query ? `?${query}` : '');
          const token = role && row.allowed !== 'publicLink' ? w.tokens[role] : null;
          const label = `#${counts.http} ${route} ${method} ${path.slice(0, 200)} ${type} ${String(body).slice(0, 120)}`;
          w.label(label);
          w.clock.advance(16 * 60_000); // the PIN route's per-address window: every case is a fresh attempt
          const before = await w.fingerprintA();
          const res = await fetch(`${w.server.url}${path}`, {
            method,
            headers: { ...(type ? { 'content-type': type } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
            body,
          });
          const text = await res.text();
          expect(res.status, `${label}: ${text.slice(0, 300)}`).toBeLessThan(500);
          if (res.status >= 400) {
            // 431: Node itself refuses a request line and headers over 16 kB, before any route (no body to read).
            if (path.startsWith('/api/') && res.status !== 431) {
              expect(res.headers.get('content-type'), `${label}: ${res.status} ${text.slice(0, 200)}`).toMatch(/json/);
              const answer = JSON.parse(text) as { ok: boolean; message?: string };
              expect(answer.ok, label).toBe(false);
              expect(answer.message?.length ?? 0, label).toBeGreaterThan(5);
            }
            expect(await w.fingerprintA(), `${label} changed meeting A`).toBe(before);
          }
          expect(prototypeKeys(), `${label} polluted Object.prototype`).toBe(cleanPrototype);
          counts.http += 1;
          if (res.status < 400 && method !== 'GET') {
            // What a served change broadcasts arrives under its own label before the next case runs.
            served.add(label);
            await w.settle();
          }
        }),
        { numRuns: Math.ceil(RUNS / 4), seed: SEED, endOnFailure: true },
      );
    }
    await w.settle();
    // Refused requests tell no one; a request the route served (valid by chance, or a body the route ignores) may.
    expect(w.heard.slice(start).filter((h) => !served.has(h.during)).map((h) => `${h.audience} heard ${h.event} during ${h.during}`)).toEqual([]);
    expect(crashes).toEqual([]);
    expect((await fetch(`${w.server.url}/healthz`)).status).toBe(200);
  }, 600_000);

  it('the server is still up and serving after everything', async () => {
    expect((await fetch(`${w.server.url}/healthz`)).status).toBe(200);
    const mc = await sender('mc');
    expect((await emit(mc, 'meeting:sync')).ok).toBe(true);
    expect(crashes).toEqual([]);
  });
});

// ------------------------------------------------------------------ raw frames

/**
 * Whole engine.io / socket.io frames, written by hand over a real WebSocket: any packet type,
 * namespace, ack id, event name of any JSON type (or none), any arguments, malformed JSON,
 * binary attachments announced and sent in any number and order, before or after the
 * handshake. A well-formed event with an ack must be answered with an error (a number for
 * `clock:ping`); whatever else the server does with a frame (ignore it, close the connection),
 * the process stays up, another meeting is answered and meeting A is unchanged.
 */
const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'];
const EVENT_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'error', 'ping', 'clock:ping', 'meeting:start', 'question:submit', 'floor:give'];
type RawCase = { before: string[]; frames: Frame[]; ack: number | null; auth: 'after' | 'before' | 'none'; role: 'public' | 'projector' };

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const eventName = fc.oneof(
  fc.constantFrom(...EVENT_NAMES, ...RESERVED),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(null, true, false, {}, [], { toString: 1 }, ['meeting:start']),
);
/** A well-formed EVENT packet, with an ack id: the server must answer it. */
const answeredEvent = fc
  .tuple(eventName, fc.array(jsonValue, { maxLength: 4 }), fc.nat({ max: 1_000_000 }))
  .filter(([name]) => typeof name === 'number' || (typeof name === 'string' && !RESERVED.includes(name)))
  .map(([name, args, id]): Pick<RawCase, 'frames' | 'ack'> => ({ frames: [`42${id}${JSON.stringify([name, ...args])}`], ack: id }));
const sioText = fc.tuple(
  fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '9', 'x', ''),
  fc.constantFrom('', '1-', '2-', '0-', '-1-', '99999-', 'a-'),
  fc.constantFrom('', '/', '/admin,', '/%,', '/,'),
  fc.constantFrom('', '0', '7', '-1', '99999999999999999999999', '1e3', '007'),
  fc.oneof(
    fc.tuple(eventName, fc.array(jsonValue, { maxLength: 3 })).map(([name, args]) => JSON.stringify([name, ...args])),
    jsonValue.map((v) => JSON.stringify(v) ?? ''),
    fc.constantFrom('', '[', '[]', '{"token":1}', '["a",{"_placeholder":true,"num":0}]', '["a",{"_placeholder":true,"num":-1}]', '["a",{"_placeholder":true,"num":"0"}]', '[1,2'),
    fc.string({ maxLength: 60 }),
  ),
);
/** Anything else: engine.io packet types, socket.io packets of every type, binary frames announced or not. */
const chaos = fc
  .tuple(
    fc.constantFrom('4', '4', '4', '0', '1', '2', '3', '5', '6', '7', 'b', ''),
    sioText,
    fc.array(fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)), { maxLength: 3 }),
    fc.boolean(),
  )
  .map(([eio, [type, attachments, nsp, id, data], buffers, binaryFirst]): Pick<RawCase, 'frames' | 'ack'> => {
    const text = `${eio}${type}${type === '5' || type === '6' ? attachments : ''}${nsp}${id}${data}`;
    return { frames: binaryFirst ? [...buffers, text] : [text, ...buffers], ack: null };
  });
const rawCases: fc.Arbitrary<RawCase> = fc.record({
  before: fc.array(fc.oneof(fc.constantFrom('421[7]', '42["clock:ping"]', '40', '41', '6', '3'), fc.string({ maxLength: 20 })), { maxLength: 2 }),
  body: fc.oneof({ weight: 2, arbitrary: answeredEvent }, { weight: 3, arbitrary: chaos }),
  auth: fc.constantFrom('after', 'after', 'after', 'before', 'none'),
  role: fc.constantFrom('public', 'projector'),
}).map(({ before, body, auth, role }) => ({ before, ...body, auth, role }));

/** The examples the issue reported, each run as its own case before the generated ones. */
const REPORTED: RawCase[] = [
  { before: [], frames: ['421[7]'], ack: 1, auth: 'after', role: 'public' },
  { before: [], frames: ['422[7,{"x":1}]'], ack: 2, auth: 'after', role: 'public' },
  { before: [], frames: ['423[null]'], ack: null, auth: 'after', role: 'projector' }, // socket.io's parser refuses it: the connection is closed
  { before: [], frames: ['424[1.5]'], ack: 4, auth: 'after', role: 'public' },
  { before: [], frames: ['425["__proto__"]'], ack: 5, auth: 'after', role: 'public' },
  { before: [], frames: ['42[7]', '42[{"a":1}]', '42[]'], ack: null, auth: 'after', role: 'public' },
  { before: [], frames: ['451-6["question:submit",{"_placeholder":true,"num":0}]', Buffer.from([1, 2, 3])], ack: 6, auth: 'after', role: 'public' },
  { before: [], frames: [Buffer.from([1, 2, 3]), '451-7[7,{"_placeholder":true,"num":0}]'], ack: null, auth: 'after', role: 'public' },
];

async function rawCase(c: RawCase, label: string): Promise<void> {
  w.label(label);
  const before = await w.fingerprintA();
  const raw = await RawSocket.open(w.server.url);
  try {
    for (const frame of c.before) raw.send(frame);
    if (c.auth === 'before') for (const frame of c.frames) raw.send(frame);
    if (c.auth !== 'none') {
      // A frame before the handshake may have closed the connection or been taken as one: either is fine.
      const reply = await raw.connect({ token: w.tokens[c.role] }).catch(() => null);
      const connected = reply !== null && reply.startsWith('40{"sid"');
      // Frames sent before it may have closed the connection (a protocol error): only a clean start must connect.
      if (c.auth === 'after' && c.before.length === 0) expect(reply, `${label}: handshake`).toMatch(/^40\{"sid"/);
      if (c.auth === 'after' && connected) {
        for (const frame of c.frames) raw.send(frame);
        if (c.ack !== null) {
          const [answer] = await raw.ack(c.ack);
          if (/^4[25](\d+-)?\d*\["clock:ping"/.test(String(c.frames[0]))) expect(typeof answer, label).toBe('number');
          else {
            expect(answer, label).toMatchObject({ ok: false });
            expect(ERROR_CODES, label).toContain((answer as { code: string }).code);
            expect((answer as { code: string }).code, label).not.toBe('internal');
          }
        }
      }
    } else for (const frame of c.frames) raw.send(frame);
    // Frames of one connection are handled in order: once a ping sent after them is answered (or the
    // server has closed the connection), they were.
    if (!raw.closed && c.auth !== 'none') {
      raw.send('4299999["clock:ping"]');
      await raw.ack(99_999).catch((error: unknown) => expect(raw.closed, `${label}: ${String(error)}`).toBe(true));
    }
  } finally {
    raw.close();
  }
  // The process is up and another meeting is served.
  expect((await emit(w.senders.get('otherMeeting')!, 'meeting:sync')).ok, `${label}: meeting B not answered`).toBe(true);
  expect(await w.fingerprintA(), `${label} changed meeting A`).toBe(before);
  expect(crashes, label).toEqual([]);
  counts.frames += 1;
}

describe('fuzzing raw frames', () => {
  it('no frame, in any order, before or after the handshake, stops the process or changes a meeting; an event with an ack is answered', async () => {
    await w.settle();
    const start = w.heard.length;
    for (const [i, c] of REPORTED.entries()) await rawCase(c, `reported #${i} ${describeCase(c.frames)}`);
    await fc.assert(
      fc.asyncProperty(rawCases, async (c) => rawCase(c, `raw ${c.role} ${c.auth} ${describeCase(c.before)} ${describeCase(c.frames)}`)),
      { numRuns: RUNS * 8, seed: SEED, endOnFailure: true },
    );
    await w.settle();
    // Nobody heard anything: no frame was taken as a change (the raw socket's own connection is a public one, heard by no watcher).
    expect(w.heard.slice(start).map((h) => `${h.audience} heard ${h.event} during ${h.during}`)).toEqual([]);
  }, 600_000);
});

describe('a handler that throws', () => {
  it('fails that message only: answered internal, the connection and the process stay', async () => {
    const meetings = w.server.app.meetings as { snapshot: (...a: unknown[]) => unknown };
    const real = meetings.snapshot;
    let thrown = 0;
    meetings.snapshot = () => {
      thrown += 1;
      meetings.snapshot = real;
      throw new TypeError('thrown by the handler, synchronously');
    };
    try {
      const mc = await sender('mc');
      expect(await emit(mc, 'meeting:sync')).toMatchObject({ ok: false, code: 'internal' });
      expect(thrown).toBe(1);
      expect((await emit(mc, 'meeting:sync')).ok).toBe(true);
      expect(mc.connected).toBe(true);
      expect(crashes).toEqual([]);
    } finally {
      meetings.snapshot = real;
    }
  });
});
