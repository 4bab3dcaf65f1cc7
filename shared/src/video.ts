import { z } from './zod';

const SiteRef = z.string().min(1).max(40);

/** The MC's choices for the video bridge, kept in the meeting document. */
export const VideoSettings = z.object({
  /** Every site may publish (a discussion round), not only the one with the floor. */
  openDiscussion: z.boolean(),
  /** The host hall (điểm cầu chính): publishes like the MC. */
  hostSiteId: SiteRef.nullable(),
  /** Sites the MC lets publish besides the floor (e.g. a site presenting a report). */
  allowedSites: z.array(SiteRef).max(3_000),
});
export type VideoSettings = z.infer<typeof VideoSettings>;

export const DEFAULT_VIDEO_SETTINGS: VideoSettings = { openDiscussion: false, hostSiteId: null, allowedSites: [] };

/** May this site publish camera and microphone now? */
export function sitePublishes(settings: VideoSettings, floorSiteId: string | null, siteId: string): boolean {
  return settings.openDiscussion || settings.hostSiteId === siteId || floorSiteId === siteId || settings.allowedSites.includes(siteId);
}

export const VideoSettingsPatch = z
  .object({ openDiscussion: z.boolean(), hostSiteId: SiteRef.nullable() })
  .partial()
  .refine((v) => v.openDiscussion !== undefined || v.hostSiteId !== undefined, 'cần ít nhất một thiết lập');
export const VideoAllow = z.object({ siteId: SiteRef, allow: z.boolean() });

/**
 * The bridge as this server sees it: not configured (no LiveKit settings), closed (no room
 * yet), open, or unreachable (calls to LiveKit failing: retried with backoff).
 */
export type VideoBridgeState = {
  configured: boolean;
  state: 'not_configured' | 'closed' | 'open' | 'unreachable';
  room: string | null;
  /** What is wrong, in Vietnamese, for the MC; empty when all is well. */
  message: string;
  updatedAt: number;
};

export const ConnectionQuality = z.enum(['excellent', 'good', 'poor', 'lost', 'unknown']);
export type ConnectionQuality = z.infer<typeof ConnectionQuality>;

/** A site's video connection, from LiveKit's webhooks, the periodic reconcile and the site's own reports. */
export type VideoStatus = {
  connected: boolean;
  camera: boolean;
  microphone: boolean;
  quality: ConnectionQuality;
  updatedAt: number;
};

/** What a client needs to join the room: minted by the server for the link's role only. */
export type VideoAccess = {
  url: string;
  token: string;
  room: string;
  identity: string;
  name: string;
  canPublish: boolean;
  /** When the token stops admitting a new join (epoch ms); an open connection is not cut. */
  expiresAt: number;
};

/** A site page's own report of its video: what it publishes and how its connection is. */
export const VideoReport = z.object({
  connected: z.boolean(),
  camera: z.boolean(),
  microphone: z.boolean(),
  quality: ConnectionQuality,
});
export type VideoReport = z.infer<typeof VideoReport>;

export const VideoMute = z.object({ siteId: SiteRef, source: z.enum(['microphone', 'camera']).default('microphone') });
export const VideoRemove = z.object({ siteId: SiteRef });

/** Participant identities: made by the server, never by the browser. */
export const videoIdentity = {
  site: (siteId: string) => `site:${siteId}`,
  staff: (role: string, tokenId: string) => `${role}:${tokenId}`,
  /** The site of an identity, or null for staff and screens. */
  siteOf: (identity: string): string | null => (identity.startsWith('site:') ? identity.slice(5) : null),
};
