import type { Page } from '@playwright/test';
import { connectAs, createMeetingWithSites, demoMeeting, expect, shot, test, THREE_SITES } from './fixtures';
import { layoutFaults, OFFICE_SCREENS } from './layout';

/** What must be on an office screen without scrolling the page, by page. */
const MC_REGIONS = { 'current item': '[data-testid="current-panel"]', controls: 'section.controls', agenda: 'section.agenda-panel', 'running agenda row': '.agenda-row--current' };
const MC_FLOOR_REGIONS = { ...MC_REGIONS, floor: '[data-testid="floor-panel"]' };
const SCREEN_REGIONS = { title: '[data-testid="screen-title"]', clock: '[data-testid="screen-clock"]', next: '[data-testid="screen-next"]', tools: '.screen__tools' };
const SCREEN_FLOOR_REGIONS = {
  item: '[data-testid="screen-title"]',
  speaker: '[data-testid="screen-speaker"]',
  clock: '[data-testid="screen-speaker-clock"]',
  'pinned question': '[data-testid="screen-spotlight"]',
  message: '[data-testid="screen-message"]',
  tools: '.screen__tools',
};
/** What must never cover another on the projector. */
const SCREEN_APART = ['speaker', 'clock', 'pinned question', 'message', 'tools'];
const BOARD_REGIONS = { totals: '.board__totals', 'current item': '[data-testid="board-now"]', sites: 'section.board-list', 'first site row': '[data-testid="board-row"]' };

/** Each page at each office screen size: the regions in view, nothing overflowing, one-line clocks and buttons. */
async function holdsAtEverySize(pages: { page: Page; name: string; regions: Record<string, string>; apart?: string[] }[], stage: string): Promise<void> {
  for (const size of OFFICE_SCREENS) {
    for (const { page, name, regions, apart } of pages) {
      await page.setViewportSize(size);
      // the layout settles after the resize (container queries, a clock's next second)
      await expect.poll(() => layoutFaults(page, regions, apart), { message: `${name} at ${size.width}×${size.height} (${stage})`, timeout: 5_000 }).toEqual([]);
      await shot(page, `layout-${name}-${stage}-${size.width}x${size.height}`);
    }
  }
}

test('the MC console, the board and the projector fit 1366×768, 1600×900 and 1920×1080: regions in view, nothing overflows, clocks and buttons on one line', async ({ open }) => {
  const { access, sites } = await createMeetingWithSites(demoMeeting('bố cục màn hình'), THREE_SITES);
  const mcSocket = await connectAs(access.mcToken);
  const siteSocket = await connectAs(sites[0]!.token);
  try {
    // the demo's discussion item (4th) runs 2 h 45 min: its clock has hours ("2:44:59")
    await mcSocket.run('meeting:start', { shiftPlan: true });
    for (let i = 0; i < 3; i++) await mcSocket.run('agenda:next', {});
    await siteSocket.run('queue:request', { requestId: 'layout-request-1', kind: 'comment', speaker: 'Nguyễn Thị Minh Nguyệt', speakerTitle: 'Phó Trưởng phòng GDĐT', topic: 'Bố trí giáo viên Tin học' });

    const mc = await open();
    const screen = await open();
    const board = await open();
    await mc.goto(`/mc/${access.mcToken}`);
    await screen.goto(`/screen/${access.projectorToken}`);
    await board.goto(`/board/${access.leadershipToken}`);
    await expect(mc.getByTestId('mc-clock')).toHaveText(/^2:4\d:\d\d$/);
    await expect(screen.getByTestId('screen-clock')).toHaveText(/^2:4\d:\d\d$/);
    await expect(board.getByTestId('board-row')).toHaveCount(3);
    await holdsAtEverySize(
      [
        { page: mc, name: 'mc', regions: MC_FLOOR_REGIONS },
        { page: screen, name: 'screen', regions: SCREEN_REGIONS },
        { page: board, name: 'board', regions: BOARD_REGIONS },
      ],
      'item',
    );

    // a speaker with the floor past their 30 seconds, and the MC's message: overtime reads as overtime everywhere
    await mcSocket.run('floor:give', { plannedMs: 30_000, current: await mcSocket.floorId() });
    await mcSocket.run('message:update', { text: 'Xin mời đồng chí kết thúc phần trình bày', visible: true });
    // and a question pinned to the projector: it must cover neither the clock, the message nor the buttons
    const asked = await siteSocket.run<{ id: string }>('question:submit', { clientId: 'layout-question-0001', text: 'Đề nghị Sở hướng dẫn cụ thể việc bố trí giáo viên dạy Tin học và Công nghệ ở cấp tiểu học từ năm học tới.' });
    await mcSocket.run('question:moderate', { questionId: asked.id, action: 'approve' });
    await mcSocket.run('question:pin', { questionId: asked.id });
    await expect(screen.getByTestId('screen-spotlight')).toBeVisible();
    await expect(mc.getByTestId('mc-floor-clock')).toHaveText(/^Quá giờ \d:\d\d$/, { timeout: 60_000 });
    await expect(screen.getByTestId('screen-speaker-clock')).toHaveText(/^Quá giờ \d:\d\d$/);
    await holdsAtEverySize(
      [
        { page: mc, name: 'mc', regions: MC_FLOOR_REGIONS },
        { page: screen, name: 'screen', regions: SCREEN_FLOOR_REGIONS, apart: SCREEN_APART },
      ],
      'floor',
    );
  } finally {
    mcSocket.close();
    siteSocket.close();
  }
});
