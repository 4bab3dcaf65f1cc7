import { z } from './zod';
import type { ClientToServerEvents } from './events';
import { Commands } from './meeting.core';
import { PageQuery } from './paging';
import { MyQuestionsQuery, QuestionAnswer, QuestionEdit, QuestionMerge, QuestionModerate, QuestionPin, QuestionRoute, QuestionSubmit, QuestionUnmerge, QuestionVote } from './questions';
import { CheckIn, HeadcountUpdate, PresenceReport, ProblemAcknowledge, ReadinessReport, RollCallAnswerInput, RollCallClose, RollCallStart } from './sites';
import { VideoMute, VideoRemove, VideoReport } from './video';

/**
 * What each client event carries before its acknowledgement: the schema the server parses
 * it with, or null when the event takes the acknowledgement only. The server registers each
 * handler with exactly this schema (a connection throws otherwise, so every test notices) and
 * the fuzzer keeps the payloads this schema refuses. A new event without a row does not compile.
 */
export const EVENT_INPUTS: { [E in keyof ClientToServerEvents]: z.ZodType | null } = {
  ...Commands,
  'meeting:sync': null,
  'meeting:access': null,
  /** The client's send time is not read: the server answers its own clock whatever it is. */
  'clock:ping': z.unknown(),
  'site:checkIn': CheckIn,
  'site:headcount': HeadcountUpdate,
  'site:readiness': ReadinessReport,
  'rollCall:answer': RollCallAnswerInput,
  'presence:report': PresenceReport,
  'rollCall:start': RollCallStart,
  'rollCall:close': RollCallClose,
  'site:acknowledge': ProblemAcknowledge,
  'attendance:sync': PageQuery,
  'question:submit': QuestionSubmit,
  'question:mine': MyQuestionsQuery,
  'question:vote': QuestionVote,
  'questions:sync': PageQuery,
  'question:moderate': QuestionModerate,
  'question:edit': QuestionEdit,
  'question:route': QuestionRoute,
  'question:answer': QuestionAnswer,
  'question:merge': QuestionMerge,
  'question:unmerge': QuestionUnmerge,
  'question:pin': QuestionPin,
  'video:token': null,
  'video:open': null,
  'video:mute': VideoMute,
  'video:muteAll': z.object({}),
  'video:remove': VideoRemove,
  'video:report': VideoReport,
};
