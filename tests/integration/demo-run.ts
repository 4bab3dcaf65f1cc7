import { randomBytes } from 'node:crypto';
import { type Ack, type MeetingAccess, type Question, type QuestionsAccess, vnInstant } from '@diemcau/shared';
import { BAC_GIANG_SITES } from '../../server/src/demo/demo';
import { DEMO_QUESTION_SETTINGS } from '../../server/src/demo/demo-questions';
import { type Client, issueDeviceKey, type ManualClock, send, sendFloor, type TestServer } from './harness';

export const DEMO_RUN_DATE = '2023-11-24';

export type SiteLink = { siteId: string; name: string; token: string };

/** What a scripted run leaves behind, for the tests to check against. */
export type DemoRun = {
  access: MeetingAccess;
  sites: SiteLink[];
  offices: { officeId: string; name: string }[];
  /** The site sockets still open at the end (the test closes them with the server). */
  siteClients: Client[];
};

const key = () => randomBytes(16).toString('base64url');

/**
 * The Bắc Giang demo meeting run through the real server on `clock` (a ManualClock at 07:00 on
 * DEMO_RUN_DATE), as a day would go (`options.meeting`: another plan to create it from, e.g. with tasks):
 *
 * - 15 sites imported; sites 1–6 connect at 07:10, 07:12 … 07:20; sites 1–5 check in five
 *   minutes after connecting; site 6 never checks in; site 4 drops at 09:00 and is back at 09:10.
 * - Started at 07:30 sharp; items run 6, 8, 36, 150, 35 and 6 minutes (planned 5, 10, 30, 165,
 *   30, 5): the meeting ends at 11:31, 4 minutes ahead of its 11:35 plan.
 * - During the discussion (08:20–10:50): site 1's tham luận 08:20–08:28, site 2's comment
 *   08:30–08:33, a reply from the hall 08:33–08:38, site 3's question 08:40–08:42.
 * - Questions: 3 from sites, 2 from the public page; 2 answered (office 1), 1 approved and
 *   routed to office 2, 1 rejected, 1 left pending and not routed.
 */
export async function runDemoMeeting(server: TestServer, clock: ManualClock, options: { meeting?: unknown } = {}): Promise<DemoRun> {
  const at = (time: string) => vnInstant(DEMO_RUN_DATE, time);
  const to = (time: string) => {
    clock.t = at(time);
  };
  const must = async <T>(ack: Promise<Ack<T>>, what: string): Promise<T> => {
    const res = await ack;
    if (!res.ok) throw new Error(`${what}: ${res.message}`);
    return res.data;
  };

  to('07:00');
  const access = await server.createMeeting(options.meeting);
  const id = access.meetingId;
  await server.http('POST', `/api/meetings/${id}/sites/import`, { sites: BAC_GIANG_SITES });
  const sites = (await server.http<{ data: { sites: SiteLink[] } }>('GET', `/api/meetings/${id}/sites/access`)).body.data.sites;
  const mc = (await server.connect(access.mcToken)).client;
  await must(send(mc, 'questions:settings', DEMO_QUESTION_SETTINGS), 'questions settings');
  const links = (await server.http<{ data: QuestionsAccess }>('GET', `/api/meetings/${id}/questions/access`)).body.data;
  const offices = links.offices.map((o) => ({ officeId: o.officeId, name: o.name }));

  const siteClients: Client[] = [];
  for (let i = 0; i < 6; i += 1) {
    to(`07:${String(10 + 2 * i).padStart(2, '0')}`);
    siteClients.push((await server.connect(sites[i]!.token)).client);
  }
  for (let i = 0; i < 5; i += 1) {
    to(`07:${String(15 + 2 * i).padStart(2, '0')}`);
    await must(send(siteClients[i]!, 'site:checkIn', { representative: `Đại diện điểm cầu ${i + 1}`, headcount: 8 + i }), 'check-in');
  }

  const step = async (time: string, event: string, payload: object = {}) => {
    to(time);
    return must(event.startsWith('floor:') ? sendFloor(mc, event, payload) : send(mc, event, payload), `${event} at ${time}`);
  };
  await step('07:30', 'meeting:start', {});
  await step('07:36', 'agenda:next');
  await step('07:44', 'agenda:next');
  await step('08:20', 'agenda:next');

  const ask = async (client: Client, time: string, kind: string, speaker: string, topic = '') => {
    to(time);
    await must(send(client, 'queue:request', { requestId: key().slice(0, 20), kind, speaker, topic }), `request at ${time}`);
  };
  await ask(siteClients[0]!, '08:20', 'contribution', 'Nguyễn Văn Hùng', 'Chuyển đổi số trong quản trị trường học');
  await step('08:20', 'floor:give');
  await step('08:28', 'floor:end');
  await ask(siteClients[1]!, '08:29', 'comment', 'Lê Thị Hoa', 'Thiếu giáo viên tiếng Anh cấp tiểu học');
  await step('08:30', 'floor:give');
  await ask(mc, '08:33', 'response', 'Phó Giám đốc Sở GDĐT', 'Giải trình về biên chế giáo viên');
  await step('08:33', 'floor:give');
  await step('08:38', 'floor:end');
  await ask(siteClients[2]!, '08:39', 'question', 'Trần Quốc Toản', 'Lịch thi học sinh giỏi');
  await step('08:40', 'floor:give');
  await step('08:42', 'floor:end');

  // Questions: three from sites, two from the public page.
  const fromSite = async (client: Client, time: string, text: string) => {
    to(time);
    return must(send(client, 'question:submit', { clientId: key(), text }), 'site question') as Promise<{ id: string }>;
  };
  const q1 = await fromSite(siteClients[0]!, '08:45', 'Đề nghị Sở hướng dẫn quy trình sáp nhập điểm trường lẻ.');
  const q2 = await fromSite(siteClients[1]!, '08:46', 'Khi nào có kinh phí sửa chữa phòng học xuống cấp?');
  const q3 = await fromSite(siteClients[2]!, '08:47', 'Câu hỏi không liên quan đến hội nghị.');
  to('08:50');
  const publicQuestion = async (text: string) => {
    const res = await server.http<{ data: { id: string } }>('POST', `/api/public/${links.publicToken}/questions`, { clientId: key(), senderKey: await issueDeviceKey(server.url, links.publicToken), text }, null);
    if (!res.body.ok) throw new Error(`public question: ${res.body.message}`);
    return res.body.data;
  };
  const q4 = await publicQuestion('Giáo viên hợp đồng có được hỗ trợ bồi dưỡng thường xuyên không?');
  await publicQuestion('Nhà trường có được tự chủ tổ hợp môn lớp 10 không?');
  const moderate = (event: string, payload: unknown) => must(send(mc, event, payload), event) as Promise<Question>;
  to('09:00');
  await moderate('question:route', { questionId: q1.id, officeId: offices[0]!.officeId, seen: { officeId: null } });
  await moderate('question:route', { questionId: q2.id, officeId: offices[0]!.officeId, seen: { officeId: null } });
  await moderate('question:moderate', { questionId: q3.id, action: 'reject' });
  await moderate('question:moderate', { questionId: q4.id, action: 'approve' });
  await moderate('question:route', { questionId: q4.id, officeId: offices[1]!.officeId, seen: { officeId: null } });

  // Site 4 drops at 09:00 and is back at 09:10.
  siteClients[3]!.disconnect();
  // The server reads its clock when it hears of the drop: the clock stays at 09:00 until it has.
  for (let attempt = 0; ; attempt += 1) {
    const timeline = await server.http<{ data: { connected: number }[] }>('GET', `/api/meetings/${id}/attendance/timeline`);
    if (timeline.body.data.at(-1)?.connected === 5) break;
    if (attempt > 200) throw new Error('site 4 was never counted as disconnected');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  to('09:10');
  siteClients[3] = (await server.connect(sites[3]!.token)).client;

  to('10:30');
  await moderate('question:answer', { questionId: q1.id, answer: 'Văn phòng Sở sẽ ban hành hướng dẫn trong tháng 12.', answeredBy: 'Chánh Văn phòng Sở', seen: { answer: '' } });
  await moderate('question:answer', { questionId: q2.id, answer: 'Kinh phí đã được bố trí trong kế hoạch năm 2024.', answeredBy: 'Chánh Văn phòng Sở', seen: { answer: '' } });

  await step('10:50', 'agenda:next');
  await step('11:25', 'agenda:next');
  await step('11:31', 'meeting:end');
  mc.disconnect();
  // Connections are stored in group commits a few ms after they happen: the run ends once they are.
  await server.app.sites.settled();
  return { access, sites, offices, siteClients };
}
