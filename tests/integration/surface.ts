/**
 * The server's whole attack surface as data, for the permission matrix and the fuzzer: every
 * client event (from `EVENT_ROLES` and the event map in shared/) with a valid payload, every
 * HTTP route (read from the express router itself) with who may call it, one meeting set up
 * with a link of every role, watchers of every audience, and a cheap snapshot of the meeting's
 * stored state to prove that a refused message changed nothing and told no one.
 */
import { randomBytes } from 'node:crypto';
import { type ClientToServerEvents, EVENT_ROLES, type QuestionsAccess, type Role, vnInstant } from '@diemcau/shared';
import { type RawBuilder, sql } from 'kysely';
import { io as connectClient } from 'socket.io-client';
import { ATTENDANCE_FLUSH_MS } from '../../server/src/sites/sites.service';
import { PUBLIC_FLUSH_MS, STAFF_FLUSH_MS } from '../../server/src/questions/questions.service';
import { ADMIN_TOKEN, type Client, issueDeviceKey, ManualClock, send, startServer, type TestServer } from './harness';

export type EventName = keyof ClientToServerEvents;
/** A principal of the matrix: every role, and the ways in that must get nothing. */
export type Who = Role | 'none' | 'revoked' | 'otherMeeting';
export const ROLES: readonly Role[] = ['admin', 'mc', 'moderator', 'office', 'site', 'leadership', 'projector', 'public'];
export const WHO: readonly Who[] = [...ROLES, 'none', 'revoked', 'otherMeeting'];
/** Roles that watch meeting A for broadcasts (a second connection each; the admin hears what the MC hears). */
export const AUDIENCES: readonly Role[] = ['mc', 'moderator', 'office', 'site', 'leadership', 'projector', 'public'];

export const key = () => randomBytes(16).toString('base64url');

/** The ids a payload refers to: meeting A's agenda, questions, sites, offices. */
export type World = {
  meetingId: string;
  spareMeetingId: string;
  itemIds: string[];
  questionIds: string[];
  siteIds: string[];
  officeIds: string[];
  rollCallId: string;
  entryId: string;
  /** A device key the server issued for meeting A's public link. */
  deviceKey: string;
};

type Args<E extends EventName> = Parameters<ClientToServerEvents[E]>;
/** One valid payload per event (null: the event takes only the acknowledgement). A new event without a row does not compile. */
export type Payloads = { [E in EventName]: Args<E> extends [infer P, unknown] ? (w: World) => P : null };

export const PAYLOADS: Payloads = {
  'meeting:start': () => ({}),
  'meeting:end': () => ({}),
  'meeting:reset': () => ({}),
  'meeting:reopen': () => ({}),
  'meeting:update': () => ({ details: { venue: 'Hội trường tầng 3' } }),
  'agenda:next': () => ({}),
  'agenda:previous': () => ({}),
  'agenda:goto': (w) => ({ itemId: w.itemIds[1]! }),
  'agenda:add': () => ({ item: { title: 'Mục bổ sung', subPoints: [], dangerMs: 0 } }),
  'agenda:update': (w) => ({ itemId: w.itemIds[0]!, item: { presenter: 'Ông A' } }),
  'agenda:remove': (w) => ({ itemId: w.itemIds.at(-1)! }),
  'agenda:move': (w) => ({ itemId: w.itemIds[2]!, toIndex: 0 }),
  'timer:pause': () => ({}),
  'timer:resume': () => ({}),
  'timer:adjust': () => ({ deltaMs: 60_000 }),
  'message:update': () => ({ text: 'Xin giữ trật tự', visible: true }),
  'message:flash': () => ({}),
  'queue:request': () => ({ requestId: key(), kind: 'comment', speaker: 'Bà B' }),
  'queue:withdraw': (w) => ({ entryId: w.entryId }),
  'queue:move': (w) => ({ entryId: w.entryId, toIndex: 0 }),
  'queue:skip': (w) => ({ entryId: w.entryId }),
  'queue:restore': (w) => ({ entryId: w.entryId }),
  'queue:settings': () => ({ open: true }),
  'floor:give': (w) => ({ entryId: w.entryId, current: null }),
  'floor:end': (w) => ({ entryId: w.entryId }),
  'floor:pause': (w) => ({ entryId: w.entryId }),
  'floor:resume': (w) => ({ entryId: w.entryId }),
  'floor:adjust': (w) => ({ entryId: w.entryId, deltaMs: 30_000 }),
  'contributions:set': (w) => ({ itemId: w.itemIds[0]!, contributions: [{ topic: 'Tham luận về chuyển đổi số' }] }),
  'questions:settings': () => ({ allowAnonymous: false }),
  'video:settings': () => ({ openDiscussion: true }),
  'video:allow': (w) => ({ siteId: w.siteIds[1]!, allow: true }),
  'conclusion:set': (w) => ({ itemId: w.itemIds[0]!, text: 'Hội nghị thống nhất triển khai trong tháng 12.' }),
  'meeting:sync': null,
  'meeting:access': null,
  'clock:ping': () => Date.now(),
  'site:checkIn': () => ({ representative: 'Ông C', headcount: 12 }),
  'site:headcount': () => ({ headcount: 15 }),
  'site:readiness': () => ({ readiness: 'ready' }),
  'rollCall:answer': (w) => ({ rollCallId: w.rollCallId, headcount: 14 }),
  'presence:report': () => ({ rttMs: 40 }),
  'rollCall:start': () => ({ durationMs: 60_000 }),
  'rollCall:close': (w) => ({ rollCallId: w.rollCallId }),
  'site:acknowledge': (w) => ({ siteId: w.siteIds[0]! }),
  'attendance:sync': () => ({}),
  'question:submit': (w) => ({ clientId: key(), senderKey: w.deviceKey, text: 'Khi nào có hướng dẫn tuyển sinh lớp 10?' }),
  'question:mine': () => ({ senderKey: key() }),
  'question:vote': (w) => ({ questionId: w.questionIds[0]!, voterKey: w.deviceKey }),
  'questions:sync': () => ({}),
  'question:moderate': (w) => ({ questionId: w.questionIds[0]!, action: 'approve' }),
  // `seen`: what the sender saw; the fuzzer's valid payload may be refused as stale (a domain refusal, not a permission one).
  'question:edit': (w) => ({ questionId: w.questionIds[1]!, text: 'Câu hỏi đã sửa chính tả', seen: { text: '', category: '' } }),
  'question:route': (w) => ({ questionId: w.questionIds[1]!, officeId: w.officeIds[0]!, seen: { officeId: null } }),
  'question:answer': (w) => ({ questionId: w.questionIds[1]!, answer: 'Sở sẽ có văn bản trong tuần.', answeredBy: 'Phòng GDTrH', seen: { answer: '' } }),
  'question:merge': (w) => ({ questionId: w.questionIds[0]!, others: [w.questionIds[2]!] }),
  'question:unmerge': (w) => ({ questionId: w.questionIds[2]! }),
  'question:pin': (w) => ({ questionId: w.questionIds[0]! }),
  'video:token': null,
  'video:open': null,
  'video:mute': (w) => ({ siteId: w.siteIds[0]! }),
  'video:muteAll': () => ({}),
  'video:remove': (w) => ({ siteId: w.siteIds[0]! }),
  'video:report': () => ({ connected: true, camera: false, microphone: true, quality: 'good' }),
};

export const EVENTS = Object.keys(EVENT_ROLES) as EventName[];

/** The arguments (before the ack) of a valid message of `event`. */
export const validArgs = (event: EventName, w: World): unknown[] => {
  const build = PAYLOADS[event] as ((w: World) => unknown) | null | undefined;
  if (build === undefined) throw new Error(`no payload row for event "${event}": add it to PAYLOADS in tests/integration/surface.ts`);
  return build === null ? [] : [build(w)];
};

// ------------------------------------------------------------------ HTTP routes

/**
 * Who may call a route: roles with a Bearer token; `anyone` (no token needed); `signed`
 * (LiveKit's webhook: a signature, never a link); `publicLink` (the public page's link is
 * in the path: only a live public link of the meeting opens it).
 */
export type RouteRow = {
  allowed: readonly Role[] | 'anyone' | 'signed' | 'publicLink';
  path: (w: World) => string;
  body?: (w: World) => unknown;
  /** Destructive for the meeting the matrix runs on: allowed callers act on the spare meeting instead. */
  spare?: true;
  /** Re-issues this role's link of meeting A: the world's token is read again after an allowed call. */
  renews?: Role;
};

const A = (w: World) => `/api/meetings/${w.meetingId}`;
const CONTROL = ['admin', 'mc'] as const;

/** Every HTTP route, keyed `METHOD /path` as express has it. A route missing here fails the matrix. */
export const ROUTES: Record<string, RouteRow> = {
  'GET /healthz': { allowed: 'anyone', path: () => '/healthz' },
  'POST /api/livekit/webhook': { allowed: 'signed', path: () => '/api/livekit/webhook', body: () => ({ event: 'room_started' }) },
  'GET /api/public/:token': { allowed: 'publicLink', path: () => '/api/public/:token' },
  'POST /api/public/:token/questions': {
    allowed: 'publicLink',
    path: () => '/api/public/:token/questions',
    body: (w) => ({ clientId: key(), senderKey: w.deviceKey, text: 'Câu hỏi gửi qua đường HTTP' }),
  },
  'POST /api/public/:token/device': { allowed: 'publicLink', path: () => '/api/public/:token/device' },
  'GET /api/public/:token/questions': { allowed: 'publicLink', path: () => `/api/public/:token/questions?senderKey=${key()}` },
  'POST /api/public/:token/questions/:questionId/vote': {
    allowed: 'publicLink',
    path: (w) => `/api/public/:token/questions/${w.questionIds[0]}/vote`,
    body: (w) => ({ voterKey: w.deviceKey }),
  },
  'GET /api/meetings/:id/questions/access': { allowed: CONTROL, path: (w) => `${A(w)}/questions/access` },
  'POST /api/meetings/:id/questions/access/reissue': {
    allowed: CONTROL,
    path: (w) => `${A(w)}/questions/access/reissue`,
    body: (w) => ({ kind: 'office', officeId: w.officeIds[1] }),
  },
  // An office inbox link exports the questions routed to its office only.
  'GET /api/meetings/:id/questions.xlsx': { allowed: ['admin', 'mc', 'moderator', 'office'], path: (w) => `${A(w)}/questions.xlsx` },
  'GET /api/meetings': { allowed: ['admin'], path: () => '/api/meetings' },
  'POST /api/meetings': { allowed: ['admin'], path: () => '/api/meetings', body: () => ({ details: { title: 'Hội nghị thử quyền', date: '2023-11-25', startTime: '08:00' }, agenda: [] }) },
  'POST /api/meetings/:id/duplicate': { allowed: ['admin'], path: (w) => `${A(w)}/duplicate` },
  'DELETE /api/meetings/:id': { allowed: ['admin'], path: (w) => A(w), spare: true },
  'GET /api/meetings/:id/access': { allowed: ['admin'], path: (w) => `${A(w)}/access` },
  'POST /api/meetings/:id/access/reissue': { allowed: CONTROL, path: (w) => `${A(w)}/access/reissue`, body: () => ({ kind: 'projector' }), renews: 'projector' },
  // The test server's organiser token comes from the environment: re-issuing it is refused with 409 (hostile-clients.test.ts re-issues a kept one).
  'POST /api/admin/reissue': { allowed: ['admin'], path: () => '/api/admin/reissue' },
  'POST /api/pin': { allowed: 'anyone', path: () => '/api/pin', body: () => ({ code: '000000', pin: '000000' }) },
  'GET /api/sites/template.xlsx': { allowed: 'anyone', path: () => '/api/sites/template.xlsx' },
  'GET /api/meetings/:id/sites': { allowed: ['admin', 'mc', 'leadership'], path: (w) => `${A(w)}/sites` },
  'POST /api/meetings/:id/sites': { allowed: CONTROL, path: (w) => `${A(w)}/sites`, body: () => ({ name: `Điểm cầu ${key().slice(0, 6)}` }) },
  'PUT /api/meetings/:id/sites/:siteId': { allowed: CONTROL, path: (w) => `${A(w)}/sites/${w.siteIds[2]}`, body: () => ({ name: 'Trường THPT Lạng Giang số 1' }) },
  'DELETE /api/meetings/:id/sites/:siteId': { allowed: CONTROL, path: (w) => `${A(w)}/sites/${w.siteIds[2]}` },
  'POST /api/meetings/:id/sites/import/preview': { allowed: CONTROL, path: (w) => `${A(w)}/sites/import/preview`, body: () => ({ text: 'Trường THCS A\t\t\t\t\t12' }) },
  'POST /api/meetings/:id/sites/import': { allowed: CONTROL, path: (w) => `${A(w)}/sites/import`, body: () => ({ sites: [{ name: `Trường ${key().slice(0, 6)}` }] }) },
  'GET /api/meetings/:id/sites/access': { allowed: CONTROL, path: (w) => `${A(w)}/sites/access` },
  'POST /api/meetings/:id/sites/:siteId/reissue': { allowed: CONTROL, path: (w) => `${A(w)}/sites/${w.siteIds[2]}/reissue` },
  'GET /api/meetings/:id/attendance.xlsx': { allowed: ['admin', 'mc', 'leadership'], path: (w) => `${A(w)}/attendance.xlsx` },
  'GET /api/meetings/:id/attendance/timeline': { allowed: ['admin', 'mc', 'leadership'], path: (w) => `${A(w)}/attendance/timeline` },
  'GET /api/meetings/:id/report': { allowed: CONTROL, path: (w) => `${A(w)}/report` },
  'POST /api/meetings/:id/record': { allowed: CONTROL, path: (w) => `${A(w)}/record` },
  'GET /api/meetings/:id/record/:jobId': { allowed: CONTROL, path: (w) => `${A(w)}/record/no-such-job` },
  'GET /api/meetings/:id/record/:jobId/file': { allowed: CONTROL, path: (w) => `${A(w)}/record/no-such-job/file` },
  'POST /api/plans/preview': { allowed: CONTROL, path: () => '/api/plans/preview', body: () => ({ text: 'KẾ HOẠCH\nTổ chức hội nghị giao ban' }) },
};

type Layer = { route?: { path: string; methods: Record<string, boolean> }; handle: { stack?: Layer[] }; rawPath?: string | string[] };

/** Every route the express app serves, `METHOD /path`, read from its router stack (nested routers included). */
export function listRoutes(app: unknown): string[] {
  const routes: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) if (method !== '_all') routes.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as { router: { stack: Layer[] } }).router.stack, '');
  return [...new Set(routes)];
}

// ------------------------------------------------------------------ the world

/** Sends an event and answers its ack, typed loosely. */
export const emit = (client: Client, event: string, ...args: unknown[]): Promise<any> => send(client, event, ...args);

/** Opens a socket and answers how the handshake went: the connected client, or the refusal's data. */
export async function tryConnect(url: string, token: string | undefined, meetingId?: string): Promise<{ client: Client } | { refused: { code?: string; message?: string } }> {
  const client: Client = connectClient(url, { auth: { token, meetingId }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve) => {
    client.once('meeting:snapshot', () => resolve({ client }));
    client.once('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      client.close();
      resolve({ refused: error.data ?? { message: error.message } });
    });
  });
}

/**
 * One server with meeting A (the demo plan, 4 sites, 2 offices, 3 questions, a roll call, a
 * speaking request), meeting B (another meeting's links) and a spare meeting for destructive
 * routes; a connected sender of every role; a second connection of every audience that
 * records everything it hears.
 */
export async function buildWorld(config: Parameters<typeof startServer>[2] = {}) {
  const clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  const server = await startServer(clock, undefined, config);
  const a = await server.createMeeting();
  const b = await server.createMeeting();
  const spare = await server.createMeeting();
  const m = `/api/meetings/${a.meetingId}`;

  const mcA = await server.connect(a.mcToken);
  const settings = await emit(mcA.client, 'questions:settings', { offices: [{ name: 'Phòng Giáo dục Trung học' }, { name: 'Phòng Kế hoạch – Tài chính' }] });
  if (!settings.ok) throw new Error(`settings: ${JSON.stringify(settings)}`);
  const imported = await server.http('POST', `${m}/sites/import`, { sites: ['Phòng GDĐT Lục Nam', 'Phòng GDĐT Yên Dũng', 'Trường THPT Ngô Sĩ Liên', 'Trường THCS Đã thu hồi'].map((name) => ({ name })) });
  if (imported.status !== 201) throw new Error(`import: ${JSON.stringify(imported.body)}`);
  const siteLinks = async (id: string) => (await server.http<{ data: { sites: { siteId: string; token: string }[] } }>('GET', `/api/meetings/${id}/sites/access`)).body.data.sites;
  const sitesA = await siteLinks(a.meetingId);
  const revoked = sitesA[3]!.token;
  await server.http('POST', `${m}/sites/${sitesA[3]!.siteId}/reissue`);
  const questionLinks = async (id: string) => (await server.http<{ data: QuestionsAccess }>('GET', `/api/meetings/${id}/questions/access`)).body.data;
  const links = await questionLinks(a.meetingId);
  const linksB = await questionLinks(b.meetingId);
  const deviceKey = await issueDeviceKey(server.url, links.publicToken);
  for (const text of ['Khi nào tăng lương cho giáo viên?', 'Lịch thi học kỳ I thế nào?', 'Khi nào tăng lương giáo viên ạ?']) {
    const posted = await server.http('POST', `/api/public/${links.publicToken}/questions`, { clientId: key(), senderKey: deviceKey, text }, null);
    if (posted.status !== 201) throw new Error(`question: ${JSON.stringify(posted.body)}`);
  }
  const asked = await emit(mcA.client, 'questions:sync');
  const rollCall = await emit(mcA.client, 'rollCall:start', { durationMs: 10 * 60_000 });
  const siteA = await server.connect(sitesA[0]!.token);
  await emit(mcA.client, 'meeting:start', {});
  const request = await emit(siteA.client, 'queue:request', { requestId: key(), kind: 'comment', speaker: 'Ông D' });
  const state = (await server.app.meetings.load(a.meetingId))!.state;
  mcA.client.disconnect();
  siteA.client.disconnect();

  const world: World = {
    meetingId: a.meetingId,
    spareMeetingId: spare.meetingId,
    itemIds: state.agenda.map((item) => item.id),
    questionIds: (asked.data.questions as { id: string; createdAt: number }[]).sort((x, y) => x.createdAt - y.createdAt).map((q) => q.id),
    siteIds: sitesA.map((s) => s.siteId),
    officeIds: links.offices.map((o) => o.officeId),
    rollCallId: rollCall.data?.id ?? 'no-roll-call',
    entryId: request.ok ? (state.queue.entries[0]?.id ?? 'no-entry') : 'no-entry',
    deviceKey,
  };
  /** The link each principal uses (null: none). For `otherMeeting`: B's MC link, and B's public link where the link is in the path. */
  const tokens: Record<Who, string | null> = {
    admin: ADMIN_TOKEN,
    mc: a.mcToken,
    moderator: links.moderatorToken,
    office: links.offices[0]!.token,
    site: sitesA[0]!.token,
    leadership: a.leadershipToken,
    projector: a.projectorToken,
    public: links.publicToken,
    none: null,
    revoked,
    otherMeeting: b.mcToken,
  };
  const pathTokens: Record<Who, string> = { ...tokens, none: 'khong-co-lien-ket-nay-0123456789abcdef', otherMeeting: linksB.publicToken } as Record<Who, string>;

  const connectAs = async (who: Who): Promise<Client | null> => {
    const token = tokens[who];
    if (token === null) return null;
    const result = await tryConnect(server.url, token, who === 'admin' ? a.meetingId : undefined);
    return 'client' in result ? result.client : null;
  };
  const senders = new Map<Who, Client>();
  for (const who of [...ROLES, 'otherMeeting'] as const) {
    const client = await connectAs(who);
    if (!client) throw new Error(`${who} could not connect`);
    senders.set(who, client);
  }

  /** What each audience heard, with the label of the cell running when it arrived. */
  const heard: { audience: Role; event: string; during: string }[] = [];
  let during = 'setup';
  const watchers: Client[] = [];
  for (const audience of AUDIENCES) {
    const client = await connectAs(audience);
    if (!client) throw new Error(`${audience} watcher could not connect`);
    client.onAny((event: string) => heard.push({ audience, event, during }));
    watchers.push(client);
  }

  /**
   * Waits until whatever the server may still send has arrived: past every coalescing window,
   * then one round trip on each watcher (a connection delivers in order).
   */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve, 2 * Math.max(ATTENDANCE_FLUSH_MS, STAFF_FLUSH_MS, PUBLIC_FLUSH_MS)));
    await Promise.all(watchers.map((w) => emit(w, 'meeting:sync')));
  };

  /** Meeting A's stored rows (every table, filtered to A where the table has a meeting) and its live revision. */
  // Tables and columns through kysely's introspection (SQLite and PostgreSQL alike); rows in the order of all their columns.
  const tables = await server.db.introspection.getTables();
  const reads: { name: string; query: RawBuilder<unknown> }[] = [];
  for (const { name, columns } of [...tables].sort((x, y) => x.name.localeCompare(y.name))) {
    const filter = name === 'meetings' ? sql`where id = ${a.meetingId}` : columns.some((c) => c.name === 'meeting_id') ? sql`where meeting_id = ${a.meetingId}` : sql``;
    const order = sql.join(columns.map((c) => sql.ref(c.name)));
    reads.push({ name, query: sql`select * from ${sql.table(name)} ${filter} order by ${order}` });
  }
  const snapshotA = async (): Promise<string> => {
    // Connections and disconnections are written in group commits, up to 50 ms later.
    await server.app.sites.settled();
    const parts: string[] = [];
    for (const { name, query } of reads) parts.push(`${name}:${JSON.stringify((await query.execute(server.db)).rows)}`);
    const live = await server.app.meetings.load(world.meetingId);
    parts.push(`live:${live?.rev}`);
    return parts.join('\n');
  };

  /**
   * A cheap summary of meeting A for the fuzzer (one query): its revision, live and stored, and
   * row counts and version sums of what a message can change.
   */
  const fingerprintA = async (): Promise<string> => {
    const id = a.meetingId;
    const row = await sql`select
      (select rev from meetings where id = ${id}) as rev,
      (select count(*) from meeting_events where meeting_id = ${id}) as events,
      (select count(*) || ':' || coalesce(sum(version), 0) || ':' || coalesce(max(updated_at), 0) from questions where meeting_id = ${id}) as questions,
      (select count(*) from question_votes where meeting_id = ${id}) as votes,
      (select count(*) || ':' || coalesce(sum(version), 0) from sites where meeting_id = ${id}) as sites,
      (select count(*) from attendance_events where meeting_id = ${id}) as attendance,
      (select count(*) from roll_calls where meeting_id = ${id}) as roll_calls,
      (select count(*) from roll_call_answers where meeting_id = ${id}) as answers,
      (select count(*) || ':' || count(revoked_at) from access_tokens where meeting_id = ${id}) as tokens,
      (select count(*) from meetings) as meetings`.execute(server.db);
    return `${JSON.stringify(row.rows[0])} live:${(await server.app.meetings.load(id))?.rev}`;
  };

  /** Reads meeting A's MC, projector and leadership links again (after a cell re-issued one). */
  const refreshTokens = async () => {
    const fresh = (await server.http<{ data: { mcToken: string; projectorToken: string; leadershipToken: string } }>('GET', `/api/meetings/${a.meetingId}/access`)).body.data;
    Object.assign(tokens, { mc: fresh.mcToken, projector: fresh.projectorToken, leadership: fresh.leadershipToken });
    Object.assign(pathTokens, { mc: fresh.mcToken, projector: fresh.projectorToken, leadership: fresh.leadershipToken });
  };

  return {
    clock,
    refreshTokens,
    fingerprintA,
    server,
    world,
    tokens,
    pathTokens,
    senders,
    heard,
    /** Labels what watchers hear from now on. */
    label(cell: string) {
      during = cell;
    },
    settle,
    snapshotA,
    connectAs,
    async close() {
      for (const client of [...senders.values(), ...watchers]) client.disconnect();
      await server.close();
      await server.remove();
    },
  };
}

export type WorldServer = Awaited<ReturnType<typeof buildWorld>>;
export type { TestServer };
