import type { Page } from '@playwright/test';
import type { MyQuestion, QuestionsAccess, SiteInput } from '@diemcau/shared';
import { adminToken, baseUrl, connectAs, createMeetingWithSites, DESKTOP, expect, PHONE, planAt, shot, test } from './fixtures';

/**
 * Text people type is shown as text on every screen: markup stays characters, an `onerror`
 * never becomes an attribute, long words wrap instead of widening the page, and right-to-left
 * overrides, zero-width characters and emoji do not break anything. Every free-text field gets
 * the same hostile string, tagged with the field's name.
 */

const SCRIPT = '<script>window.__pwned=1</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
/** A Vietnamese word without a space, longer than any phone is wide. */
const LONG = 'Trườngtrunghọcphổthôngchuyênbắcgiangnămhọcmớihaingànhaimươibalănhaimươibốn';
const ODD = '\u202Eabc\u202C z\u200Bw\u200Dx 👩‍🏫🇻🇳';

/** The hostile text for a field: its tag, the markup, a long word (as long as the field allows) and odd characters. */
function hostile(tag: string, max: number): string {
  const head = `${tag} ${SCRIPT}${IMG} `;
  const room = max - head.length - ODD.length - 1;
  return `${head}${LONG.slice(0, Math.max(0, room))} ${ODD}`.slice(0, max);
}

const H = {
  title: hostile('Tiêu-đề', 300),
  organiser: hostile('Đơn-vị', 200),
  agenda: hostile('Mục', 300),
  presenter: hostile('Trình-bày', 200),
  site: hostile('Điểm-cầu', 200),
  group: hostile('Nhóm', 120),
  contact: hostile('Liên-hệ', 120),
  representative: hostile('Đại-diện', 120),
  message: hostile('Nhắn', 500),
  speaker: hostile('Phát-biểu', 120),
  topic: hostile('Chủ-đề', 500),
  question: hostile('Hỏi', 1000),
  name: hostile('Người-hỏi', 120),
  unit: hostile('Đơn-vị-hỏi', 200),
  answer: hostile('Trả-lời', 2000),
  answeredBy: hostile('Người-trả-lời', 200),
  office: hostile('Phòng', 120),
  category: `Loại ${'<b>x</b>'}${LONG.slice(0, 40)}`.slice(0, 60),
};

/** Nothing of the text became markup or ran; the page is no wider than the window. */
async function checkScreen(page: Page, name: string, tags: string[]): Promise<void> {
  const body = page.locator('body');
  await expect(body).toContainText(SCRIPT);
  await expect(body).toContainText(IMG);
  for (const tag of tags) await expect(body, `${name} shows the ${tag} field`).toContainText(`${tag} ${SCRIPT}`);
  const dom = await page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    inlineScripts: [...document.scripts].filter((s) => !s.src).length,
    injected: document.querySelectorAll('img[onerror], img[src="x"]').length + [...document.querySelectorAll('b')].filter((b) => b.textContent === 'x').length,
    overflowPx: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  expect(dom, name).toEqual({ pwned: null, inlineScripts: 0, injected: 0, overflowPx: 0 });
  await shot(page, `hostile-${name}`);
}

test('hostile text in every free-text field renders as text on every screen', async ({ open }) => {
  const sites: SiteInput[] = [{ name: H.site, group: H.group, contactName: H.contact, phone: '0912 345 678', expectedHeadcount: 20 }];
  const { access, sites: links } = await createMeetingWithSites(
    {
      details: { title: H.title, organiser: H.organiser, ...planAt(Date.now()), format: 'online' },
      agenda: [
        { title: H.agenda, presenter: H.presenter, kind: 'report', plannedDurationMs: 10 * 60_000 },
        { title: 'Thảo luận', presenter: 'Các điểm cầu', kind: 'discussion', plannedDurationMs: 20 * 60_000 },
      ],
    },
    sites,
  );
  const mc = await connectAs(access.mcToken);
  const site = await connectAs(links[0]!.token);
  await mc.run('meeting:start', {});
  await mc.run('message:update', { text: H.message, visible: true });
  await mc.run('questions:settings', { offices: [{ name: H.office }], categories: [H.category, 'Khác'] });
  await site.run('site:checkIn', { representative: H.representative, representativeTitle: H.group, headcount: 20 });
  await site.run('queue:request', { requestId: 'hostile-request-0001', kind: 'comment', speaker: H.speaker, speakerTitle: H.group, topic: H.topic, siteId: null });
  const asked = await site.run<MyQuestion>('question:submit', { clientId: 'hostile-question-01', text: H.question, category: H.category, name: H.name, unit: H.unit });
  const res = await fetch(`${baseUrl()}/api/meetings/${access.meetingId}/questions/access`, { headers: { Authorization: `Bearer ${adminToken()}` } });
  const qLinks = ((await res.json()) as { data: QuestionsAccess }).data;
  await mc.run('question:moderate', { questionId: asked.id, action: 'approve' });
  await mc.run('question:route', { questionId: asked.id, officeId: qLinks.offices[0]!.officeId, seen: { officeId: null } });
  await mc.run('question:answer', { questionId: asked.id, answer: H.answer, answeredBy: H.answeredBy, seen: { answer: '' } });
  await mc.run('question:pin', { questionId: asked.id });
  site.close();

  const screens: { name: string; path: string; viewport: typeof DESKTOP; tags: string[] }[] = [
    { name: 'mc-console', path: `/mc/${access.mcToken}`, viewport: DESKTOP, tags: ['Tiêu-đề', 'Mục', 'Trình-bày', 'Nhắn'] },
    { name: 'mc-sites', path: `/mc/${access.mcToken}/sites`, viewport: DESKTOP, tags: ['Điểm-cầu', 'Liên-hệ', 'Nhóm'] },
    { name: 'mc-speakers', path: `/mc/${access.mcToken}/speakers`, viewport: DESKTOP, tags: ['Phát-biểu', 'Chủ-đề', 'Điểm-cầu'] },
    { name: 'mc-questions', path: `/mc/${access.mcToken}/questions`, viewport: DESKTOP, tags: ['Hỏi', 'Người-hỏi'] },
    { name: 'moderator', path: `/mod/${qLinks.moderatorToken}`, viewport: DESKTOP, tags: ['Hỏi', 'Người-hỏi'] },
    { name: 'office', path: `/office/${qLinks.offices[0]!.token}`, viewport: DESKTOP, tags: ['Phòng'] },
    { name: 'board', path: `/board/${access.leadershipToken}`, viewport: DESKTOP, tags: ['Điểm-cầu', 'Liên-hệ'] },
    { name: 'projector', path: `/screen/${access.projectorToken}`, viewport: DESKTOP, tags: ['Mục'] },
    { name: 'site-phone', path: `/site/${links[0]!.token}`, viewport: PHONE, tags: ['Điểm-cầu', 'Mục', 'Phát-biểu', 'Hỏi'] },
    { name: 'public-phone', path: `/q/${qLinks.publicToken}`, viewport: PHONE, tags: ['Hỏi'] },
  ];
  for (const screen of screens) {
    const page = await open(screen.viewport);
    page.on('dialog', (dialog) => {
      throw new Error(`a dialog opened on ${screen.name}: ${dialog.message()}`);
    });
    await page.goto(screen.path);
    await checkScreen(page, screen.name, screen.tags);
    await page.close();
  }
  mc.close();
});
