import './room.css';
import { type VideoAccess, videoIdentity } from '@diemcau/shared';
import { LiveKitRoom, RoomAudioRenderer, useTracks, VideoTrack } from '@livekit/components-react';
import { DisconnectReason, Room, Track } from 'livekit-client';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ClockText } from '../../components/ClockText';
import { useNow } from '../../hooks/useNow';
import { useFloorReading } from '../../hooks/useSpeakers';
import { failureText, useT } from '../../i18n';
import { requestVideoAccess } from '../../realtime/video';
import { useFloorSiteId, useVideoBridge } from '../state';
import { shownName } from '../../i18n/generated';

/** After a dropped connection or a refusal, the projector asks again after this long. */
const RETRY_MS = 10_000;

/** The floor site's camera over the projector, with who speaks and their clock; nothing while it has no picture. */
function FloorPicture() {
  const t = useT();
  const now = useNow();
  const floorSiteId = useFloorSiteId();
  const current = useFloorReading(now);
  const tracks = useTracks([Track.Source.Camera]);
  const identity = floorSiteId ? videoIdentity.site(floorSiteId) : null;
  const trackRef = identity ? tracks.find((ref) => ref.participant.identity === identity) : undefined;
  if (!trackRef || !current) return null;
  return (
    <div className="vwatch" data-testid="screen-video">
      <VideoTrack trackRef={trackRef} className="vwatch__video" />
      <div className="vwatch__caption">
        <span className="vwatch__who">
          <span className="vwatch__eyebrow">{t('speakers.speaking')}</span>
          <strong>{shownName(t, current.floor.entry.speaker)}</strong>
          <span>{trackRef.participant.name}</span>
        </span>
        <ClockText reading={current.reading} className="vwatch__clock" />
      </div>
    </div>
  );
}

/**
 * The projector's "watch" mode: joins the room with the projector's subscribe-only access
 * and shows the camera of the site that has the floor over the usual screen. Sound only
 * when asked (the hall usually has its own). Problems show as one quiet line: the
 * projector's own content stays.
 */
export default function FloorWatch({ sound }: { sound: boolean }) {
  const t = useT();
  const bridge = useVideoBridge();
  const [access, setAccess] = useState<VideoAccess | null>(null);
  const [problem, setProblem] = useState<{ message: string; at: number } | null>(null);
  const open = bridge?.state === 'open';

  useEffect(() => {
    if (!open || access) return;
    let cancelled = false;
    const wait = problem ? Math.max(0, problem.at + RETRY_MS - Date.now()) : 0;
    const timer = window.setTimeout(() => {
      void requestVideoAccess().then((res) => {
        if (cancelled) return;
        if (res.ok) {
          setProblem(null);
          setAccess(res.data);
        } else setProblem({ message: failureText(res), at: Date.now() });
      });
    }, wait);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [open, access, problem]);

  const room = useMemo(() => (access ? new Room({ adaptiveStream: true }) : null), [access]);
  const onError = useCallback((error: Error) => {
    console.warn('projector video failed', error);
    setAccess(null);
    setProblem({ message: t('video.watch.failed'), at: Date.now() });
  }, [t]);
  const onDisconnected = useCallback((reason?: DisconnectReason) => {
    if (reason === DisconnectReason.CLIENT_INITIATED) return;
    setAccess(null);
    setProblem({ message: t('video.watch.ended'), at: Date.now() });
  }, [t]);

  return (
    <>
      {access && room && (
        <LiveKitRoom room={room} serverUrl={access.url} token={access.token} connect audio={false} video={false} onError={onError} onDisconnected={onDisconnected} className="vwatch-room">
          <FloorPicture />
          {sound && <RoomAudioRenderer />}
        </LiveKitRoom>
      )}
      {problem && open && (
        <p className="vwatch__problem" role="status" data-testid="screen-video-problem">
          {problem.message}
        </p>
      )}
    </>
  );
}
