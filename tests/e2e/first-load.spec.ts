import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page, Response } from '@playwright/test';
import { type Manifest, pageLoads } from '../../bench/lib/manifest';
import { createMeetingWithSites, expect, PHONE, questionsLinks, smallMeeting, test, THREE_SITES } from './fixtures';

/**
 * What a phone downloads before a page is usable: the JavaScript of the entry and of the page's
 * own chunk with everything they import (the build's manifest says which files), as the server
 * sends them (brotli, the variant written at build). The site page and the public QR page are
 * opened on phones on weak lines: 100 kB each. The other pages' budgets sit a little above
 * what they load today, so that growth is a decision, not an accident.
 */
const DIST = path.resolve(import.meta.dirname, '../../client/dist');

const BUDGET_KB: Record<string, number> = {
  'site/SitePage': 100,
  'public/PublicQuestionsPage': 100,
  '(entry only)': 65, // home and PIN pages
  'screen/ScreenPage': 90,
  'board/BoardPage': 90,
  'mc/McConsolePage': 125,
  'admin/AdminPage': 75,
  'questions/ModeratorPage': 100,
  'questions/OfficePage': 95,
};

const pageName = (key: string) => key.replace(/^src\/pages\//, '').replace(/\.[jt]sx?$/, '');

function manifest(): Manifest {
  const file = path.join(DIST, '.vite/manifest.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/** The bytes the server sends for a built file to a browser that accepts brotli. */
const sentBytes = (file: string) => statSync(path.join(DIST, existsSync(path.join(DIST, `${file}.br`)) ? `${file}.br` : file)).size;

/** Each page's first-load JavaScript files, by page name. */
const loads = () => new Map(pageLoads(manifest()).map((load) => [pageName(load.page), load.js]));

test('each page loads only its own code before it is usable, within its budget of compressed JavaScript', () => {
  const byPage = loads();
  expect([...byPage.keys()].sort()).toEqual(Object.keys(BUDGET_KB).sort());
  const pageChunks = new Set(Object.values(manifest()).filter((chunk) => chunk.src?.startsWith('src/pages/')).map((chunk) => chunk.file));
  const sizes: Record<string, number> = {};
  for (const [page, js] of byPage) {
    sizes[page] = Math.round(js.reduce((sum, file) => sum + sentBytes(file), 0) / 100) / 10;
    // another page's chunk in this page's first load would mean its code is downloaded too
    const others = js.filter((file) => pageChunks.has(file) && !file.includes(`/${path.basename(page)}-`));
    expect(others, `${page} loads other pages' code`).toEqual([]);
  }
  console.log(`first-load JavaScript, kB brotli: ${JSON.stringify(sizes)}`);
  for (const [page, kb] of Object.entries(sizes)) expect(kb, `${page}: ${kb} kB brotli before usable`).toBeLessThanOrEqual(BUDGET_KB[page]!);
});

/** The JavaScript files a page fetched until `usable` resolved, each with its Content-Encoding. */
async function scriptsUntil(page: Page, go: () => Promise<unknown>, usable: () => Promise<void>): Promise<{ file: string; encoding: string | null }[]> {
  const seen: Promise<{ file: string; encoding: string | null }>[] = [];
  const onResponse = (response: Response) => {
    const url = new URL(response.url());
    if (!url.pathname.endsWith('.js')) return;
    seen.push(response.allHeaders().then((headers) => ({ file: url.pathname.slice(1), encoding: headers['content-encoding'] ?? null })));
  };
  page.on('response', onResponse);
  await go();
  await usable();
  page.off('response', onResponse);
  return Promise.all(seen);
}

test('on a phone, the site page and the public page fetch only the files the manifest gives them, compressed', async ({ open }) => {
  const byPage = loads();
  const { access, sites } = await createMeetingWithSites(smallMeeting('Tải trang đầu tiên'), THREE_SITES);
  const { publicToken } = await questionsLinks(access.meetingId);

  const site = await open(PHONE);
  const siteScripts = await scriptsUntil(
    site,
    () => site.goto(`/site/${sites[0]!.token}`),
    () => expect(site.getByLabel('Họ tên người đại diện')).toBeEditable(),
  );
  const phone = await open(PHONE);
  const publicScripts = await scriptsUntil(
    phone,
    () => phone.goto(`/q/${publicToken}`),
    async () => {
      await expect(phone.getByLabel('Nội dung')).toBeEditable();
      await expect(phone.getByRole('button', { name: 'Gửi câu hỏi' })).toBeEnabled();
    },
  );
  for (const [name, scripts] of [
    ['site/SitePage', siteScripts],
    ['public/PublicQuestionsPage', publicScripts],
  ] as const) {
    const expected = byPage.get(name)!;
    expect(scripts.length, `${name} fetched no JavaScript`).toBeGreaterThan(0);
    expect(
      scripts.map((s) => s.file).filter((file) => !expected.includes(file)),
      `${name} fetched files the manifest does not give it`,
    ).toEqual([]);
    // the browser (plain HTTP here: gzip; brotli over HTTPS) got a compressed variant of each
    expect(scripts.filter((s) => s.encoding === null).map((s) => s.file), `${name}: sent uncompressed`).toEqual([]);
  }
});
