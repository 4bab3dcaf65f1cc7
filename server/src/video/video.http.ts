import { type NextFunction, type Request, type Response, Router } from 'express';
import { BODY_LIMITS, textBody } from '../http/body';
import type { VideoService } from './video.service';

const answer = (res: Response, { status, message }: { status: number; message: string }) =>
  void res.status(status).json(status === 200 ? { ok: true, data: message } : { ok: false, code: 'unauthorized', message });

/** LiveKit's webhook endpoint: `POST /api/livekit/webhook`, signed with the API secret. */
export function videoRouter(deps: { video: VideoService }) {
  const router = Router();
  // The signature's token is checked before the body is read.
  const signed = async (req: Request, res: Response, next: NextFunction) => {
    const refusal = await deps.video.webhookRefusal(req.get('authorization'));
    if (refusal) return answer(res, refusal);
    next();
  };
  // LiveKit posts `application/webhook+json`; the signature covers the exact bytes.
  router.post('/webhook', signed, textBody(BODY_LIMITS.webhook), async (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    answer(res, await deps.video.webhook(body, req.get('authorization')));
  });
  return router;
}
