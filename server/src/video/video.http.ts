import express, { Router } from 'express';
import type { VideoService } from './video.service';

/** LiveKit's webhook endpoint: `POST /api/livekit/webhook`, signed with the API secret. */
export function videoRouter(deps: { video: VideoService }) {
  const router = Router();
  // LiveKit posts `application/webhook+json`; the signature covers the exact bytes.
  router.post('/webhook', express.text({ type: () => true, limit: '256kb' }), async (req, res) => {
    const body = typeof req.body === 'string' ? req.body : '';
    const { status, message } = await deps.video.webhook(body, req.get('authorization'));
    res.status(status).json(status === 200 ? { ok: true, data: message } : { ok: false, code: 'unauthorized', message });
  });
  return router;
}
