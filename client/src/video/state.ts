import { DEFAULT_VIDEO_SETTINGS, type SiteRow, sitePublishes, type VideoSettings, type VideoStatus } from '@diemcau/shared';
import { useMemo } from 'react';
import { useAppStore } from '../stores';
import { useSiteRows } from '../stores/selectors';

/** The bridge as the server last said (`video:state`); null before the first. */
export const useVideoBridge = () => useAppStore((s) => s.videoBridge);

/**
 * Whether this meeting's server has a video bridge: from its state, or (before it arrives)
 * from the rows, whose `video` is null only where no bridge is configured.
 */
export function useVideoConfigured(): boolean {
  const bridge = useVideoBridge();
  const anyRow = useAppStore((s) => {
    for (const row of s.sites.values()) return row.video !== null;
    return s.ownSite !== null && s.ownSite.video !== null;
  });
  return bridge ? bridge.configured : anyRow;
}

/** True while this page shows its video stage (device check or the room). */
export const useVideoStageOpen = () => useAppStore((s) => s.videoStage);

export const useVideoSettings = (): VideoSettings => useAppStore((s) => s.meeting?.view.video ?? DEFAULT_VIDEO_SETTINGS);

/** The site that has the floor now, or null (the hall, or nobody). */
export const useFloorSiteId = () => useAppStore((s) => s.meeting?.view.queue.floor?.entry.siteId ?? null);

/** Whether a site may publish now (floor, host hall, allowed, open discussion): what its token grants. */
export function useSitePublishes(siteId: string | null): boolean {
  const settings = useVideoSettings();
  const floor = useFloorSiteId();
  return siteId !== null && sitePublishes(settings, floor, siteId);
}

export type VideoCounts = { sites: number; connected: number; camera: number; microphone: number; poor: number };

/** How many sites are in the room, with camera, with microphone, on a poor or lost connection. */
export function countVideo(rows: readonly SiteRow[]): VideoCounts {
  const counts: VideoCounts = { sites: rows.length, connected: 0, camera: 0, microphone: 0, poor: 0 };
  for (const { video } of rows) {
    if (!video?.connected) continue;
    counts.connected += 1;
    if (video.camera) counts.camera += 1;
    if (video.microphone) counts.microphone += 1;
    if (video.quality === 'poor' || video.quality === 'lost') counts.poor += 1;
  }
  return counts;
}

export function useVideoCounts(): VideoCounts {
  const rows = useSiteRows();
  return useMemo(() => countVideo(rows), [rows]);
}

/** A status that says "in the room" only when it is. */
export const inRoom = (video: VideoStatus | null): video is VideoStatus => video !== null && video.connected;
