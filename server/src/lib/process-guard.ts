import type { Logger } from 'pino';

/**
 * The last line of defence: an exception or rejection nothing caught is logged, and the server
 * keeps serving every other meeting. Every client message already runs behind its own guard
 * (realtime/socket.handlers.ts), so reaching this is a defect to fix, not a way to stop the
 * day. Crash safety does not rest on the process exiting: an acknowledged change is
 * committed before its ack (synchronous WAL), so a later kill or restart loses nothing.
 */
export function guardProcess(logger: Logger): void {
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'unhandled rejection (the server keeps running)');
  });
  process.on('uncaughtException', (error, origin) => {
    logger.fatal({ err: error, origin }, 'uncaught exception (the server keeps running)');
  });
}
