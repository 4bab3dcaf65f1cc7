import { type MyQuestion, type PublicMeetingInfo, type PublicQuestion, type QuestionSettings, questionWindow, vnDate, vnTime } from '@diemcau/shared';
import { useEffect, useState } from 'react';
import { StaleSince } from '../../components/ConnectionBanner';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { MyQuestions, useMineCount } from '../../components/questions/MyQuestions';
import { QuestionForm } from '../../components/questions/QuestionForm';
import { VisibleQuestions } from '../../components/questions/VisibleQuestions';
import { useMeetingConnection } from '../../hooks/useMeetingConnection';
import { keepShellOffline } from '../../lib/shell';
import { recallPublicInfo, rememberPublicInfo } from '../../realtime/lastState';
import { useNow } from '../../hooks/useNow';
import { failureText, type Translate, useT } from '../../i18n';
import { formatDayDate, formatWhen } from '../../i18n/format';
import { api } from '../../lib/api';
import { senderKeyFor, storedSenderKey } from '../../lib/questionKeys';
import { startQuestionSender } from '../../realtime/publicQuestions';
import { useAppStore } from '../../stores';
import { useConnection } from '../../stores/selectors';

/** How often the page reads the lists over HTTP while its socket is down (and tries the socket meanwhile). */
const HTTP_POLL_MS = 15_000;

/** What the header and the form need, from the socket's meeting view once it is there, else from HTTP. */
type PageMeeting = { meetingId: string; title: string; organiser: string; date: string; startTime: string; venue: string; settings: QuestionSettings; ended: boolean };

function usePageMeeting(info: PublicMeetingInfo | null): PageMeeting | null {
  const meeting = useAppStore((s) => s.meeting);
  if (meeting) {
    const { details, questions, live } = meeting.view;
    return { meetingId: meeting.meetingId, ...details, settings: questions, ended: live.status === 'ended' };
  }
  return info && { ...info, settings: info.settings, ended: info.status === 'ended' };
}

/**
 * The meeting, read over HTTP: the header shows before the socket connects, and a phone whose
 * socket cannot get through still has the settings. Tries again while it fails.
 */
function usePublicInfo(token: string): { info: PublicMeetingInfo | null; error: string | null } {
  // what this phone read last time: the page opens with no line (the installed app)
  const [info, setInfo] = useState<PublicMeetingInfo | null>(() => recallPublicInfo<PublicMeetingInfo>(token));
  const [error, setError] = useState<string | null>(null);
  const online = useConnection().status === 'online';
  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const load = async () => {
      const res = await api<PublicMeetingInfo>(`/public/${encodeURIComponent(token)}`);
      if (stopped) return;
      if (res.ok) {
        setInfo(res.data);
        rememberPublicInfo(token, res.data);
        setError(null);
        const state = useAppStore.getState();
        // a first offset for the window, until the socket's clock pings answer
        if (state.clock.rttMs === null) state.setClock({ offsetMs: res.data.serverNow - Date.now(), rttMs: null });
      } else {
        setError(failureText(res));
      }
      if (!online) timer = window.setTimeout(() => void load(), HTTP_POLL_MS);
    };
    void load();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [token, online]);
  return { info, error };
}

/** The sender's questions and the visible ones over HTTP, while the socket is down. */
function useHttpLists(token: string, meetingId: string | null): void {
  const online = useConnection().status === 'online';
  useEffect(() => {
    if (online || meetingId === null) return;
    let stopped = false;
    let timer: number | undefined;
    const load = async () => {
      const senderKey = storedSenderKey(meetingId);
      const res = await api<{ mine: MyQuestion[]; visible: PublicQuestion[] }>(`/public/${encodeURIComponent(token)}/questions${senderKey ? `?senderKey=${encodeURIComponent(senderKey)}` : ''}`);
      if (stopped) return;
      if (res.ok) {
        const state = useAppStore.getState();
        state.applyMyQuestions(res.data.mine, { complete: true });
        // the socket may have connected meanwhile: its lists are newer than this answer
        if (state.connection.status === 'online') state.applyPublicQuestionsChange({ questions: res.data.visible, removed: [] });
        else state.applyPublicQuestionsSnapshot({ questions: res.data.visible });
      } else {
        console.warn('questions over HTTP refused', res.message);
      }
      timer = window.setTimeout(() => void load(), HTTP_POLL_MS);
    };
    void load();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [token, meetingId, online]);
}

/** This device's key from the server (asked once, then kept); asked again every 15 s while the server cannot give one. */
function useSenderKey(meetingId: string, token: string): string | null {
  const [key, setKey] = useState<string | null>(() => storedSenderKey(meetingId));
  useEffect(() => {
    if (key !== null) return;
    let stopped = false;
    let timer: number | undefined;
    const ask = async () => {
      const got = await senderKeyFor(meetingId, token);
      if (stopped) return;
      if (got !== null) setKey(got);
      else timer = window.setTimeout(() => void ask(), HTTP_POLL_MS);
    };
    void ask();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [meetingId, token, key]);
  return key;
}

function ConnectionState() {
  const t = useT();
  const { status } = useConnection();
  const online = status === 'online';
  return (
    <span className={`conn-dot ask-conn ${online ? 'conn-dot--online' : 'conn-dot--offline'}`} role="status" data-testid="ask-conn">
      <span className="conn-dot__light" aria-hidden="true" />
      {online ? t('ask.connOnline') : status === 'connecting' ? t('ask.connConnecting') : t('ask.connOffline')}
      <StaleSince className="ask-conn__stale" />
    </span>
  );
}

const openTime = (t: Translate, at: number) => `${vnTime(at)}, ${formatDayDate(t, vnDate(at))}`;

/** Before the window opens, or after it closed: what to expect. */
function WindowNotice({ settings, state }: { settings: QuestionSettings; state: 'not_yet' | 'closed' }) {
  const t = useT();
  return (
    <div className={`ask-window ask-window--${state}`} role="status" data-testid="ask-window">
      <strong>{state === 'not_yet' && settings.opensAt !== null ? t('ask.notYet', { time: openTime(t, settings.opensAt) }) : t('ask.closed')}</strong>
      <span>{t(state === 'not_yet' ? 'ask.notYetHint' : 'ask.closedHint')}</span>
    </div>
  );
}

function Page({ token, meeting }: { token: string; meeting: PageMeeting }) {
  const t = useT();
  const now = useNow(1_000);
  const { settings } = meeting;
  // an ended meeting takes no more questions, whatever its window said
  const windowState = meeting.ended ? 'closed' : questionWindow(settings, now);
  const mineCount = useMineCount();
  const visibleCount = useAppStore((s) => s.publicQuestions.size);
  const senderKey = useSenderKey(meeting.meetingId, token);
  useEffect(() => startQuestionSender({ scope: meeting.meetingId, publicToken: token, senderKey }), [meeting.meetingId, token, senderKey]);
  useHttpLists(token, meeting.meetingId);

  return (
    <>
      <nav className="ask-nav" aria-label={t('ask.sections')}>
        <a href="#ask-form">{t('ask.navForm')}</a>
        <a href="#ask-mine">{t('ask.navMine', { n: mineCount })}</a>
        <a href="#ask-visible">{t('ask.navVisible', { n: visibleCount })}</a>
      </nav>
      <main className="ask-main">
        <div className="ask-main__left">
          <section className="ask-section ask-section--form" aria-labelledby="ask-form-title" id="ask-form">
            <h2 id="ask-form-title">{t('ask.formTitle')}</h2>
            {windowState !== 'open' && <WindowNotice settings={settings} state={windowState} />}
            <QuestionForm settings={settings} disabled={windowState !== 'open'} offerAnonymous={settings.allowAnonymous} variant="public" />
          </section>
          <div id="ask-mine">
            <MyQuestions title={t('ask.mineTitle')} empty={t('ask.mineEmpty')} headingId="ask-mine-title" />
          </div>
        </div>
        <div className="ask-main__right" id="ask-visible">
          <VisibleQuestions headingId="ask-visible-title" />
        </div>
      </main>
    </>
  );
}

/**
 * The public QR page `/q/<token>`: anyone at the meeting sends a question or feedback, follows
 * its status and answer, and votes for approved questions. Phone first and light: a lazily
 * loaded chunk; it reads the meeting over HTTP first and keeps working over HTTP when its
 * socket cannot connect.
 */
export default function PublicQuestionsPage({ token }: { token: string }) {
  const t = useT();
  useMeetingConnection(token);
  useEffect(keepShellOffline, []);
  const { info, error } = usePublicInfo(token);
  const meeting = usePageMeeting(info);

  return (
    <div className="ask-page">
      <header className="ask-header">
        <div className="ask-header__text">
          <span className="ask-header__eyebrow">{t('ask.eyebrow')}</span>
          <h1 className="ask-header__title" data-testid="ask-title">
            {meeting?.title ?? t('common.loading')}
          </h1>
          {meeting && (
            <p className="ask-header__when">
              {formatWhen(t, meeting.date, meeting.startTime)}
              {meeting.venue && (
                <>
                  {' · '}
                  <bdi>{meeting.venue}</bdi>
                </>
              )}
            </p>
          )}
          {meeting && <ConnectionState />}
        </div>
        <div className="ask-header__tools">
          <LanguageSwitch />
        </div>
      </header>
      {meeting ? (
        <Page token={token} meeting={meeting} />
      ) : error ? (
        <div className="ask-failed" role="alert">
          <strong>{t('ask.loadFailed')}</strong>
          <p>{error}</p>
          <p className="hint">{t('ask.loadFailedHint')}</p>
        </div>
      ) : (
        <p className="loading">{t('common.loading')}</p>
      )}
    </div>
  );
}
