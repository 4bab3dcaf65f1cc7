import type { Page } from '@playwright/test';
import { adminToken, baseUrl, connectAs, createMeetingWithSites, expect, questionsLinks, smallMeeting, test, THREE_SITES } from './fixtures';

/**
 * In English, every page shows the words the software makes in English: only what people typed
 * (names, units, titles, question texts) keeps its Vietnamese. Read from the rendered text
 * nodes of each page, not from screenshots: (1) a text node with Vietnamese letters left once
 * the typed data is taken out of it is a label that bypassed the dictionary; (2) two pieces of
 * text run together ("QuestionHoàng Văn Đức": a lower-case letter, then a capital) where no
 * typed word has that run.
 */
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
/** Words of ours with a capital inside them. */
const CAMEL_WORDS = ['LiveKit', 'diemcau', 'PageDown', 'PageUp'];
/** Links and tokens: random letters, not words. */
const NOT_WORDS = /\/|\d/;

type Found = { vietnamese: string[]; runs: string[] };

/** The page's rendered text: each visible text node, and each pair of neighbouring text nodes in one line box with nothing between them. */
function readPage(page: Page): Promise<{ nodes: string[]; words: string[]; joins: string[] }> {
  return page.evaluate(() => {
    const blockOf = (node: Node): Element | null => {
      for (let el = node.parentElement; el; el = el.parentElement) {
        const display = getComputedStyle(el).display;
        if (!display.startsWith('inline') && display !== 'contents') return el;
      }
      return null;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const nodes: string[] = [];
    const words: string[] = [];
    const joins: string[] = [];
    let previous: { text: string; block: Element | null } | null = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT'].includes(parent.tagName) || parent.getClientRects().length === 0 || parent.closest('[hidden],[aria-hidden="true"]')) continue;
      const text = node.textContent ?? '';
      if (text.trim() === '') {
        previous = null; // a space between two pieces separates them
        continue;
      }
      nodes.push(text.trim());
      // links and codes (tokens, PINs) are random letters: not read for runs
      if (parent.closest('a[href], .mono')) {
        previous = null;
        continue;
      }
      words.push(...text.trim().split(/\s+/));
      const block = blockOf(node);
      if (previous && previous.block === block && /\S$/.test(previous.text) && /^\S/.test(text)) joins.push(`${previous.text.trim().split(/\s+/).at(-1)}${text.trim().split(/\s+/)[0]}`);
      previous = { text, block };
    }
    for (const el of document.querySelectorAll('input[placeholder],textarea[placeholder]')) nodes.push((el as HTMLInputElement).placeholder);
    return { nodes, words, joins };
  });
}

/** What a page shows that is not English and not typed: see the file's comment. */
async function check(page: Page, typed: readonly string[]): Promise<Found> {
  const { nodes, words: read, joins } = await readPage(page);
  const data = [...new Set(typed.filter((s) => s.trim() !== ''))].sort((a, b) => b.length - a.length);
  const withoutData = (text: string) => data.reduce((rest, s) => rest.split(s).join(' '), text);
  const vietnamese = nodes.filter((text) => VIETNAMESE.test(withoutData(text)));
  const words = [...read, ...joins];
  const runs = words.filter((word) => /\p{Ll}\p{Lu}/u.test(word) && !NOT_WORDS.test(word) && !CAMEL_WORDS.some((w) => word.includes(w)) && !data.some((s) => s.includes(word)));
  return { vietnamese: [...new Set(vietnamese)], runs: [...new Set(runs)] };
}

test('in English every page shows generated labels in English and keeps a space between a label and a name', async ({ open }) => {
  test.slow();
  const { access, sites } = await createMeetingWithSites(smallMeeting('Hội nghị kiểm thử tiếng Anh'), THREE_SITES);
  const mc = await connectAs(access.mcToken);
  const site = await connectAs(sites[0]!.token);
  const typed: string[] = [
    'Hội nghị kiểm thử tiếng Anh', 'Sở GDĐT kiểm thử', 'Khai mạc hội nghị', 'Giám đốc Sở', 'Báo cáo sơ kết', 'Phòng GDTrH', 'Thảo luận', 'Các điểm cầu',
    ...THREE_SITES.flatMap((s) => [s.name, s.group ?? '', s.contactName ?? '']),
    'Phòng Giáo dục Trung học', 'Chuyển đổi số trong nhà trường', 'Hoàng Văn Đức', 'Trưởng phòng', 'Trần Thị Bình', 'Mất tiếng',
    'Khi nào có hướng dẫn tuyển sinh lớp 10?', 'Đề nghị bổ sung kinh phí sửa chữa trường lớp.', 'Lê Văn Cường', 'Trường THCS Kép',
    'Tiếng Việt', // the language switch names each language in itself
  ];
  try {
    const { view } = await mc.run<{ view: { agenda: { id: string }[] } }>('meeting:sync');
    const discussion = view.agenda[2]!.id;
    await mc.run('questions:settings', { offices: [{ name: 'Phòng Giáo dục Trung học' }] });
    // a prepared contribution the plan gives no unit: queued by its number
    await mc.run('contributions:set', { itemId: discussion, contributions: [{ topic: 'Chuyển đổi số trong nhà trường' }] });
    await mc.run('meeting:start', {});
    await site.run('site:checkIn', { representative: 'Trần Thị Bình', representativeTitle: 'Trưởng phòng', headcount: 20 });
    await site.run('site:readiness', { readiness: 'problem', note: 'Mất tiếng' });
    await mc.run('agenda:goto', { itemId: discussion });
    await site.run('queue:request', { requestId: `english-${Date.now()}`, kind: 'question', speaker: 'Hoàng Văn Đức', speakerTitle: 'Trưởng phòng' });
    // the prepared contribution has the floor; the site's question waits behind it
    await mc.run('floor:give', { current: null });
    const links = await questionsLinks(access.meetingId);
    const ask = async (body: object) => {
      // A phone's sender key is one the server issued (the public page asks for it the same way).
      const issued = await fetch(`${baseUrl()}/api/public/${links.publicToken}/device`, { method: 'POST' });
      const senderKey = ((await issued.json()) as { data: { deviceKey: string } }).data.deviceKey;
      const res = await fetch(`${baseUrl()}/api/public/${links.publicToken}/questions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ clientId: `english-${Math.random().toString(36).slice(2, 14)}`, senderKey, ...body }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { data: { id: string } }).data.id;
    };
    const anonymous = await ask({ text: 'Khi nào có hướng dẫn tuyển sinh lớp 10?', anonymous: true });
    await ask({ text: 'Đề nghị bổ sung kinh phí sửa chữa trường lớp.', category: 'Kiến nghị', name: 'Lê Văn Cường', unit: 'Trường THCS Kép', officeId: links.offices[0]!.officeId });
    await mc.run('question:moderate', { questionId: anonymous, action: 'approve' });
    await mc.run('question:pin', { questionId: anonymous });

    const page = await open({ width: 1366, height: 768 });
    await page.addInitScript(() => localStorage.setItem('diemcau.lang', 'en'));
    const found: Record<string, Found> = {};
    const visit = async (label: string, path: string, ready: RegExp) => {
      await page.goto(path);
      await expect(page.locator('body')).toContainText(ready);
      await expect(page.locator('body')).not.toContainText(/Loading…|Đang tải/);
      const seen = await check(page, typed);
      if (seen.vietnamese.length > 0 || seen.runs.length > 0) found[label] = seen;
    };
    const mcPath = `/mc/${access.mcToken}`;
    await visit('mc console', mcPath, /Contribution no\. 1|Hoàng Văn Đức/);
    await visit('mc sites', `${mcPath}/sites`, /Trần Thị Bình|Sites/);
    await visit('mc speakers', `${mcPath}/speakers`, /Contribution no\. 1/);
    await visit('mc questions', `${mcPath}/questions`, /Anonymous/);
    await visit('mc reports', `${mcPath}/reports`, /Report/);
    await visit('site', `/site/${sites[0]!.token}`, /Hoàng Văn Đức/);
    await visit('q', `/q/${links.publicToken}`, /Anonymous/);
    await visit('screen', `/screen/${access.projectorToken}`, /Anonymous/);
    await visit('board', `/board/${access.leadershipToken}`, /Lục Ngạn/);
    // the organiser's list holds every meeting of this server: their titles and organisers are typed data
    const meetings = await fetch(`${baseUrl()}/api/meetings`, { headers: { Authorization: `Bearer ${adminToken()}` } });
    for (const m of ((await meetings.json()) as { data: { title: string; organiser: string }[] }).data) typed.push(m.title, m.organiser);
    await visit('admin', `/admin/${adminToken()}`, /Hội nghị kiểm thử tiếng Anh/);
    await visit('mod', `/mod/${links.moderatorToken}`, /Anonymous/);
    await visit('office', `/office/${links.offices[0]!.token}`, /Proposal/);
    await mc.run('meeting:end', {});
    await visit('mc console ended', mcPath, /ended/);
    await visit('mc reports ended', `${mcPath}/reports`, /Meeting report/);
    expect(found).toEqual({});
  } finally {
    mc.close();
    site.close();
  }
});
