import { useEffect, useState } from 'react';
import { failureText, type MessageKey, useT } from '../../i18n';
import { api, download } from '../../lib/api';
import { useAppStore } from '../../stores';
import { useLive } from '../../stores/selectors';

/** A record job as the server reports it (GET /api/meetings/:id/record/:jobId). */
type RecordJob = {
  jobId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  stage: string;
  percent: number;
  message: string | null;
  size: number | null;
  fileName: string;
};

const POLL_MS = 500;

const sizeText = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/**
 * The meeting record (hồ sơ hội nghị): one zip with the draft minutes and conclusion notice,
 * the attendance and questions workbooks and the charts. Made on the server in the
 * background; the panel shows its progress, then offers the download.
 */
export function RecordPanel({ token }: { token: string }) {
  const t = useT();
  const meetingId = useAppStore((s) => s.meeting?.meetingId ?? null);
  const status = useLive()?.status;
  const [job, setJob] = useState<RecordJob | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const working = job !== null && (job.state === 'queued' || job.state === 'running');

  useEffect(() => {
    if (!working || !meetingId) return;
    let stopped = false;
    const timer = window.setInterval(() => {
      void api<RecordJob>(`/meetings/${meetingId}/record/${job.jobId}`, { token }).then((res) => {
        if (stopped) return;
        if (res.ok) setJob(res.data);
        else {
          setError(failureText(res));
          setJob(null);
        }
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [working, meetingId, job?.jobId, token]);

  if (!meetingId) return null;

  const make = async () => {
    setError(null);
    const res = await api<RecordJob>(`/meetings/${meetingId}/record`, { method: 'POST', token });
    if (res.ok) setJob(res.data);
    else setError(failureText(res));
  };
  const save = async (done: RecordJob) => {
    setDownloading(true);
    const res = await download(`/meetings/${meetingId}/record/${done.jobId}/file`, token, done.fileName);
    setDownloading(false);
    if (!res.ok) setError(failureText(res));
  };

  return (
    <section className={`panel record-panel ${status === 'ended' ? 'record-panel--ended' : ''}`} aria-labelledby="record-title" data-testid="record-panel">
      <h2 id="record-title">{t('record.title')}</h2>
      <p className="hint">{t('record.hint')}</p>
      {status !== 'ended' && <p className="hint record-panel__provisional">{t('record.notEnded')}</p>}
      {working && (
        <div className="record-panel__progress" role="status">
          <progress max={100} value={job.percent} aria-label={t('record.title')} />
          <span>{t('record.progress', { stage: t(`record.stage.${job.stage}` as MessageKey), p: job.percent })}</span>
        </div>
      )}
      {job?.state === 'done' && (
        <div className="record-panel__ready" role="status">
          <span>✓ {t('record.ready', { size: sizeText(job.size ?? 0) })}</span>
          <button type="button" className="button button--primary" disabled={downloading} onClick={() => void save(job)}>
            ⬇ {downloading ? t('common.loading') : t('record.download')}
          </button>
        </div>
      )}
      {job?.state === 'failed' && <p className="record-panel__error">{t('record.failed', { message: job.message ?? '' })}</p>}
      {error && <p className="record-panel__error">{error}</p>}
      <button type="button" className={job?.state === 'done' ? 'button button--small' : 'button'} disabled={working} onClick={() => void make()}>
        {job?.state === 'done' || job?.state === 'failed' ? t('record.again') : t('record.make')}
      </button>
    </section>
  );
}
