import { fail, Id, ImportConfirm, invalidInput, MAX_SITES, SiteInput, type SiteRow } from '@diemcau/shared';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { AccessService } from '../access/access';
import { BODY_LIMITS, jsonBody, uploadBody } from '../http/body';
import { attachment, guard, sendAck, sendBuilt, sendFailure, XLSX } from '../http/http';
import type { MeetingService } from '../meetings/meetings.service';
import type { Sandbox, SandboxResult } from '../sandbox/sandbox';
import { attendanceExportOf } from './sites.export';
import { MAX_IMPORT_BYTES, siteTemplateWorkbook, type SitesImportPreview } from './sites.import';
import type { SitesService } from './sites.service';

const ImportBody = ImportConfirm.extend({ sites: ImportConfirm.shape.sites.max(MAX_SITES) });
/** A preview from the sandbox, or the limit it broke as the preview's file error. */
const previewOf = (result: SandboxResult<SitesImportPreview>): SitesImportPreview =>
  result.ok ? result.value : { rows: [], valid: 0, invalid: 0, fileErrors: [result.message], fileWarnings: [] };
const PastedRows = z.object({ text: z.string().max(MAX_IMPORT_BYTES, 'nội dung dán quá dài') });

/**
 * HTTP routes for a meeting's sites: the list, import (preview, then confirm), links and
 * PINs for the printable sheet, re-issuing a link, the attendance export and timeline.
 */
export function sitesRouter(deps: { sites: SitesService; meetings: MeetingService; access: AccessService; sandbox: Sandbox; now: () => number }) {
  const { sites, meetings, access } = deps;
  const router = Router();
  const manage = guard(access, ['admin', 'mc'], { meetingParam: 'id' });
  const watch = guard(access, ['admin', 'mc', 'leadership'], { meetingParam: 'id' });

  /** The meeting of the route, or a 404 sent. */
  const meetingOf = async (req: Request, res: Response) => {
    const meeting = await meetings.load(String(req.params.id));
    if (!meeting) sendFailure(res, fail('not_found', 'Không tìm thấy hội nghị (có thể đã bị xóa).'));
    return meeting;
  };
  const siteIdOf = (req: Request, res: Response): string | null => {
    const parsed = Id.safeParse(req.params.siteId);
    if (!parsed.success) sendFailure(res, fail('invalid', 'Mã điểm cầu trong đường dẫn không hợp lệ.'));
    return parsed.success ? parsed.data : null;
  };

  // Anyone may fetch the template: it is built once, not once per request.
  let template: Promise<Buffer> | null = null;
  router.get('/sites/template.xlsx', async (_req, res) => {
    template ??= siteTemplateWorkbook();
    res.set('Content-Disposition', attachment('mau-danh-sach-diem-cau.xlsx')).type(XLSX).send(await template);
  });

  router.get('/meetings/:id/sites', watch, async (req, res) => {
    if (!(await meetingOf(req, res))) return;
    res.json({ ok: true, data: await sites.rows(String(req.params.id)) });
  });

  router.post('/meetings/:id/sites', manage, jsonBody(BODY_LIMITS.site), async (req, res) => {
    if (!(await meetingOf(req, res))) return;
    const body = SiteInput.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    const added = await sites.addSites(String(req.params.id), [body.data]);
    sendAck(res, added.ok ? { ok: true, data: added.data[0] as SiteRow } : added, 201);
  });

  router.put('/meetings/:id/sites/:siteId', manage, jsonBody(BODY_LIMITS.site), async (req, res) => {
    const siteId = siteIdOf(req, res);
    if (!siteId) return;
    const body = SiteInput.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    sendAck(res, await sites.updateSite(String(req.params.id), siteId, body.data));
  });

  router.delete('/meetings/:id/sites/:siteId', manage, async (req, res) => {
    const siteId = siteIdOf(req, res);
    if (!siteId) return;
    sendAck(res, await sites.removeSite(String(req.params.id), siteId));
  });

  router.post(
    '/meetings/:id/sites/import/preview',
    manage,
    uploadBody({ json: BODY_LIMITS.sitesText, raw: BODY_LIMITS.sitesFile }),
    async (req, res) => {
      if (!(await meetingOf(req, res))) return;
      const meetingId = String(req.params.id);
      if (req.is('application/json')) {
        const body = PastedRows.safeParse(req.body);
        if (!body.success) return void sendFailure(res, invalidInput(body.error));
        const pasted = previewOf(await deps.sandbox.run('sites:pasted', { text: body.data.text }, { lane: meetingId }));
        return void res.json({ ok: true, data: await sites.markDuplicates(meetingId, pasted) });
      }
      const filename = typeof req.query.filename === 'string' ? req.query.filename.slice(0, 200) : '';
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (bytes.length === 0) return void sendFailure(res, fail('invalid', 'Chưa có tệp: chọn tệp .xlsx hoặc .csv danh sách điểm cầu.'));
      // Read in the sandbox process: a workbook that breaks a limit gets the limit's message.
      const read = previewOf(await deps.sandbox.run('sites:file', { bytes: new Uint8Array(bytes), filename }, { lane: meetingId }));
      res.json({ ok: true, data: await sites.markDuplicates(meetingId, read) });
    },
  );

  router.post('/meetings/:id/sites/import', manage, jsonBody(BODY_LIMITS.sitesImport), async (req, res) => {
    if (!(await meetingOf(req, res))) return;
    const body = ImportBody.safeParse(req.body);
    if (!body.success) return void sendFailure(res, invalidInput(body.error));
    sendAck(res, await sites.importSites(String(req.params.id), body.data.sites), 201);
  });

  router.get('/meetings/:id/sites/access', manage, async (req, res) => {
    const meeting = await meetingOf(req, res);
    if (!meeting) return;
    const [rows, tokens] = await Promise.all([sites.rows(meeting.id), access.siteTokens(meeting.id)]);
    res.json({
      ok: true,
      data: {
        code: meeting.code,
        sites: rows.map((site) => ({ siteId: site.id, name: site.name, group: site.group, token: tokens.get(site.id)?.token ?? null, pin: tokens.get(site.id)?.pin ?? null })),
      },
    });
  });

  router.post('/meetings/:id/sites/:siteId/reissue', manage, jsonBody(BODY_LIMITS.none), async (req, res) => {
    const siteId = siteIdOf(req, res);
    if (!siteId) return;
    const meetingId = String(req.params.id);
    const found = (await sites.rows(meetingId, [siteId]))[0];
    if (!found) return void sendFailure(res, fail('not_found', 'Không tìm thấy điểm cầu này.'));
    res.json({ ok: true, data: await sites.reissue(meetingId, siteId) });
  });

  router.get('/meetings/:id/attendance.xlsx', watch, async (req, res) => {
    const meeting = await meetingOf(req, res);
    if (!meeting) return;
    const snapshot = await sites.snapshot(meeting.id);
    const built = await deps.sandbox.run('attendance:xlsx', attendanceExportOf(meeting.state.details, snapshot, deps.now()), { lane: meeting.id });
    sendBuilt(res, built, `tham-du-${meeting.code}.xlsx`, XLSX);
  });

  router.get('/meetings/:id/attendance/timeline', watch, async (req, res) => {
    const meeting = await meetingOf(req, res);
    if (!meeting) return;
    res.json({ ok: true, data: await sites.timeline(meeting.id, deps.now()) });
  });

  return router;
}
