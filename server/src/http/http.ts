import { type AckFailure, fail, Id, type Role } from '@diemcau/shared';
import type { NextFunction, Request, Response } from 'express';
import type { AccessService, Principal } from '../access/access';
import type { SandboxResult } from '../sandbox/sandbox';

const STATUS: Record<AckFailure['code'], number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  internal: 500,
};

/** Sends a failure with the HTTP status of its code. */
export const sendFailure = (res: Response, failure: AckFailure) => res.status(STATUS[failure.code]).json(failure);

/** Sends an Ack: 200 (or `status`) with the data, or the failure's status. */
export function sendAck<T>(res: Response, ack: { ok: true; data: T } | AckFailure, status = 200): void {
  if (ack.ok) res.status(status).json(ack);
  else sendFailure(res, ack);
}

export type AuthedRequest = Request & { principal?: Principal };

/** The principal a guard admitted. */
export const principalOf = (req: Request): Principal => {
  const principal = (req as AuthedRequest).principal;
  if (!principal) throw new Error('route used without a guard');
  return principal;
};

/**
 * Guards a route: a Bearer token of one of `roles`. With `meetingParam`, a token bound to a
 * meeting acts only on that meeting (the organiser on any).
 */
export function guard(access: AccessService, roles: readonly Role[], options: { meetingParam?: string } = {}) {
  return async (req: AuthedRequest, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const principal = await access.resolve(header.startsWith('Bearer ') ? header.slice(7).trim() : undefined);
    if (!principal) return void sendFailure(res, fail('unauthorized', 'Thiếu hoặc sai mã truy cập. Mở lại trang bằng đường dẫn được cấp.'));
    if (!roles.includes(principal.role)) return void sendFailure(res, fail('forbidden', 'Liên kết này không có quyền thực hiện thao tác này.'));
    if (options.meetingParam) {
      const meetingId = Id.safeParse(req.params[options.meetingParam]);
      if (!meetingId.success) return void sendFailure(res, fail('invalid', 'Mã hội nghị trong đường dẫn không hợp lệ.'));
      if (principal.meetingId !== null && principal.meetingId !== meetingId.data) {
        return void sendFailure(res, fail('forbidden', 'Liên kết này thuộc một hội nghị khác.'));
      }
    }
    req.principal = principal;
    next();
  };
}

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` header with a Vietnamese file name that every browser saves correctly. */
export const attachment = (name: string) =>
  `attachment; filename="${name.normalize('NFD').replace(/[^\x20-\x7e]/g, '')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Sends a file built in the sandbox process as an attachment, or why it could not be built. */
export function sendBuilt(res: Response, built: SandboxResult<Uint8Array>, fileName: string, type: string): void {
  if (!built.ok) return void sendFailure(res, fail(built.limit === 'busy' ? 'rate_limited' : 'internal', built.message));
  res.set('Content-Disposition', attachment(fileName)).type(type).send(Buffer.from(built.value.buffer, built.value.byteOffset, built.value.byteLength));
}
