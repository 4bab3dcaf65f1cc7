import type { App } from './app';

/**
 * The links and PINs of the organiser and the first meetings, as printed for a technician. An
 * organiser token given in the environment is never printed (whoever set it has it).
 */
export async function linkLines(app: App, base: string, adminFromEnv: boolean): Promise<string[]> {
  const lines = ['', adminFromEnv ? '  Quản trị hội nghị:  ' + base + '/admin/<ADMIN_TOKEN của biến môi trường>' : `  Quản trị hội nghị:  ${base}/admin/${await app.access.adminToken()}`];
  for (const meeting of await app.store.list('', 5)) {
    const links = await app.access.meetingAccess(meeting);
    lines.push(
      '',
      `  ${meeting.title}`,
      `    MC (dẫn chương trình): ${base}/mc/${links.mcToken}`,
      `    hoặc ${base}/pin  mã hội nghị ${links.code}, PIN ${links.mcPin}`,
      `    Màn chiếu / TV:        ${base}/screen/${links.projectorToken}`,
      `    Lãnh đạo (theo dõi):   ${base}/board/${links.leadershipToken}`,
    );
    const sites = await app.access.siteTokens(meeting.id);
    const first = (await app.sites.rows(meeting.id)).slice(0, 3);
    for (const site of first) lines.push(`    Điểm cầu "${site.name}": ${base}/site/${sites.get(site.id)?.token ?? ''}  (PIN ${sites.get(site.id)?.pin ?? ''})`);
    if (sites.size > first.length) lines.push(`    … và ${sites.size - first.length} điểm cầu khác (danh sách, mã QR và PIN trong trang MC → Điểm cầu)`);
    const stored = await app.meetings.load(meeting.id);
    const questionLinks = await app.access.questionsAccess(meeting.id, stored?.state.questions.offices ?? []);
    lines.push(
      `    Gửi câu hỏi (mã QR):   ${base}/q/${questionLinks.publicToken}`,
      `    Điều hành câu hỏi:     ${base}/mod/${questionLinks.moderatorToken}`,
    );
  }
  return lines;
}
