import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Conclusion, type MeetingAccess, vnInstant } from '@diemcau/shared';
import { changeAt, ManualClock, recordChanges, send, startServer, type TestServer } from './harness';

let clock: ManualClock;
let server: TestServer;
let access: MeetingAccess;

beforeEach(async () => {
  clock = new ManualClock(vnInstant('2023-11-24', '07:30'));
  server = await startServer(clock);
  access = await server.createMeeting();
});

afterEach(async () => {
  await server.close();
  await server.remove();
});

const stored = async () => (await server.app.meetings.load(access.meetingId))!.state;

describe('conclusions (kết luận) over the wire', () => {
  it('the MC sets, edits and clears a conclusion on an item and on a contribution; another MC console sees each change, screens never the text', async () => {
    const mc = await server.connect(access.mcToken);
    const admin = await server.connect(access.mcToken);
    const projector = await server.connect(access.projectorToken);
    const seenByAdmin = recordChanges(admin.client);
    const seenByProjector = recordChanges(projector.client);
    const [, formalities, , discussion] = mc.snapshot.view.agenda;
    const rev0 = mc.snapshot.rev;

    const set = await send(mc.client, 'conclusion:set', { itemId: formalities!.id, text: '  Thống nhất chương trình hội nghị.  ' });
    expect(set).toEqual({ ok: true, data: { rev: rev0 + 1 } });
    const first = (await changeAt(seenByAdmin, rev0 + 1)).patch.conclusions;
    expect(first).toEqual([{ itemId: formalities!.id, contributionId: null, label: '', text: 'Thống nhất chương trình hội nghị.', updatedAt: clock.now() }]);
    expect((await changeAt(seenByProjector, rev0 + 1)).patch.conclusions).toEqual([]);

    // A contribution of the discussion item: the demo has none, the MC lists two.
    await send(mc.client, 'contributions:set', {
      itemId: discussion!.id,
      contributions: [{ topic: 'Chuyển đổi số trong quản lý trường học', unit: 'Phòng GDĐT huyện Lục Nam' }, { topic: 'Thiếu giáo viên mầm non' }],
    });
    const contribution = (await stored()).contributions[0]!;
    clock.advance(60_000);
    expect(await send(mc.client, 'conclusion:set', { itemId: discussion!.id, contributionId: contribution.id, text: 'Giao Phòng GDTrH tổng hợp.' })).toMatchObject({ ok: true });
    clock.advance(60_000);
    const edit = await send(admin.client, 'conclusion:set', { itemId: formalities!.id, text: 'Thống nhất chương trình, bổ sung mục khen thưởng.' });
    expect(edit).toMatchObject({ ok: true, data: { rev: rev0 + 4 } });
    const afterEdit = (await changeAt(seenByAdmin, rev0 + 4)).patch.conclusions as Conclusion[];
    expect(afterEdit.map((c) => [c.contributionId, c.label, c.text])).toEqual([
      [null, '', 'Thống nhất chương trình, bổ sung mục khen thưởng.'],
      [contribution.id, 'Phòng GDĐT huyện Lục Nam: Chuyển đổi số trong quản lý trường học', 'Giao Phòng GDTrH tổng hợp.'],
    ]);
    expect(afterEdit[0]!.updatedAt).toBe(clock.now());

    // Saving the same text again changes nothing: same revision, nothing sent.
    expect(await send(mc.client, 'conclusion:set', { itemId: formalities!.id, text: 'Thống nhất chương trình, bổ sung mục khen thưởng.' })).toEqual({ ok: true, data: { rev: rev0 + 4 } });

    // Editing the contribution list keeps a conclusion on the same topic (new ids).
    await send(mc.client, 'contributions:set', {
      itemId: discussion!.id,
      contributions: [{ topic: 'Thiếu giáo viên mầm non' }, { topic: 'Chuyển đổi số trong quản lý trường học', unit: 'Phòng GDĐT huyện Lục Nam' }],
    });
    const after = await stored();
    expect(after.conclusions.find((c) => c.contributionId !== null)?.contributionId).toBe(after.contributions[1]!.id);

    const clear = await send(mc.client, 'conclusion:set', { itemId: formalities!.id, text: '' });
    expect(clear).toMatchObject({ ok: true, data: { rev: rev0 + 6 } });
    expect(((await changeAt(seenByAdmin, rev0 + 6)).patch.conclusions as Conclusion[]).map((c) => c.text)).toEqual(['Giao Phòng GDTrH tổng hợp.']);

    // Kept with the meeting: a restart reads them back.
    server = await server.restart();
    expect((await server.app.meetings.load(access.meetingId))!.state.conclusions.map((c) => c.text)).toEqual(['Giao Phòng GDTrH tổng hợp.']);
  });

  it('bad input and unknown targets are refused, change nothing and broadcast nothing; a site, the projector and the leadership cannot', async () => {
    await server.http('POST', `/api/meetings/${access.meetingId}/sites/import`, { sites: [{ name: 'Phòng GDĐT huyện Yên Thế' }] });
    const links = await server.http<{ data: { sites: { token: string }[] } }>('GET', `/api/meetings/${access.meetingId}/sites/access`);
    const mc = await server.connect(access.mcToken);
    const site = await server.connect(links.body.data.sites[0]!.token);
    const projector = await server.connect(access.projectorToken);
    const leadership = await server.connect(access.leadershipToken);
    const seenByMc = recordChanges(mc.client);
    const seenBySite = recordChanges(site.client);
    const watcher = recordChanges(projector.client);
    const itemId = mc.snapshot.view.agenda[0]!.id;
    const rev = (await server.app.store.rev(access.meetingId))!;

    const refusals = await Promise.all([
      send(mc.client, 'conclusion:set', { itemId, text: 'x'.repeat(4001) }),
      send(mc.client, 'conclusion:set', { itemId, text: 42 }),
      send(mc.client, 'conclusion:set', { text: 'thiếu mục' }),
      send(mc.client, 'conclusion:set', { itemId: 'khong-co-muc-nay', text: 'Kết luận' }),
      send(mc.client, 'conclusion:set', { itemId, contributionId: 'khong-co', text: 'Kết luận' }),
      send(site.client, 'conclusion:set', { itemId, text: 'Điểm cầu tự ghi kết luận' }),
      send(projector.client, 'conclusion:set', { itemId, text: 'Màn chiếu' }),
      send(leadership.client, 'conclusion:set', { itemId, text: 'Lãnh đạo' }),
    ]);
    expect(refusals.map((r) => (r.ok ? 'ok' : r.code))).toEqual(['invalid', 'invalid', 'invalid', 'not_found', 'not_found', 'forbidden', 'forbidden', 'forbidden']);
    expect(refusals[0]).toMatchObject({ message: expect.stringContaining('kết luận tối đa 4000 ký tự') });
    expect(refusals[3]).toMatchObject({ message: expect.stringContaining('Không tìm thấy mục này') });

    // A last good command proves the channel is open: it is the only change anyone received.
    expect(await send(mc.client, 'conclusion:set', { itemId, text: 'Kết luận hợp lệ' })).toEqual({ ok: true, data: { rev: rev + 1 } });
    await changeAt(watcher, rev + 1);
    expect(watcher.map((c) => c.rev)).toEqual([rev + 1]);
    await changeAt(seenByMc, rev + 1);
    await changeAt(seenBySite, rev + 1);
    expect([...seenByMc, ...seenBySite].map((c) => c.rev)).toEqual([rev + 1, rev + 1]);
    expect((await stored()).conclusions.map((c) => c.text)).toEqual(['Kết luận hợp lệ']);
  });
});
