import type { ClientToServerEvents } from './events';
import type { Role } from './schemas';

/**
 * Which roles may send each client event: the one table the server checks and the
 * permission tests are built from. A new event without a row does not compile.
 */
export const EVENT_ROLES: { [E in keyof ClientToServerEvents]: readonly Role[] } = {
  'meeting:start': ['admin', 'mc'],
  'meeting:end': ['admin', 'mc'],
  'meeting:reset': ['admin', 'mc'],
  'meeting:update': ['admin', 'mc'],
  'agenda:next': ['admin', 'mc'],
  'agenda:previous': ['admin', 'mc'],
  'agenda:goto': ['admin', 'mc'],
  'agenda:add': ['admin', 'mc'],
  'agenda:update': ['admin', 'mc'],
  'agenda:remove': ['admin', 'mc'],
  'agenda:move': ['admin', 'mc'],
  'timer:pause': ['admin', 'mc'],
  'timer:resume': ['admin', 'mc'],
  'timer:adjust': ['admin', 'mc'],
  'message:update': ['admin', 'mc'],
  'message:flash': ['admin', 'mc'],
  'queue:request': ['admin', 'mc', 'site'],
  'queue:withdraw': ['admin', 'mc', 'site'],
  'queue:move': ['admin', 'mc'],
  'queue:skip': ['admin', 'mc'],
  'queue:restore': ['admin', 'mc'],
  'queue:settings': ['admin', 'mc'],
  'floor:give': ['admin', 'mc'],
  'floor:end': ['admin', 'mc'],
  'floor:pause': ['admin', 'mc'],
  'floor:resume': ['admin', 'mc'],
  'floor:adjust': ['admin', 'mc'],
  'contributions:set': ['admin', 'mc'],
  'meeting:sync': ['admin', 'mc', 'projector', 'site', 'leadership'],
  'meeting:access': ['admin', 'mc'],
  'clock:ping': ['admin', 'mc', 'projector', 'site', 'leadership'],
  'site:checkIn': ['site'],
  'site:headcount': ['site'],
  'site:readiness': ['site'],
  'rollCall:answer': ['site'],
  'presence:report': ['site'],
  'rollCall:start': ['admin', 'mc'],
  'rollCall:close': ['admin', 'mc'],
  'attendance:sync': ['admin', 'mc', 'leadership'],
};

export const mayEmit = (role: Role, event: keyof ClientToServerEvents): boolean => EVENT_ROLES[event].includes(role);
