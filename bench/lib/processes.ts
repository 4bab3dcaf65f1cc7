import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './clock';

/** Repository root: children run from here so `--import tsx` and workspace imports resolve. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const OUTPUT_TAIL_CHARS = 4_000;
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();

/** A child Node process run with tsx, with the tail of its output kept for error messages. */
export type NodeChild = {
  name: string;
  process: ChildProcess;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  /** Last few thousand characters of stdout and stderr. */
  output: () => string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once it has exited. */
  stop: (graceMs?: number) => Promise<void>;
};

/** This process's limit on open files (soft, hard), from /proc; null without /proc or when unlimited. */
export function openFileLimit(): { soft: number; hard: number } | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const [soft, hard] = (line ?? '').replace('Max open files', '').trim().split(/\s+/).map(Number);
    return soft && hard ? { soft, hard } : null;
  } catch {
    return null;
  }
}

/** Open files a process holding `connections` sockets needs: one each, plus its modules, database, pipes. */
export const filesFor = (connections: number): number => connections + 512;

/**
 * The command that runs `args` with at least `files` open files allowed: as it is when this
 * process's limit suffices, else through `sh -c 'ulimit -n …'` (raising the soft limit up to
 * the hard one). Throws, saying what to do, when even the hard limit is too low.
 */
export function withFileLimit(files: number | undefined, args: string[]): { command: string; args: string[] } {
  const limit = openFileLimit();
  if (files === undefined || limit === null || limit.soft >= files) return { command: process.execPath, args };
  if (limit.hard < files) {
    throw new Error(`a process here needs ${files} open files but the hard limit is ${limit.hard}: raise it (e.g. \`ulimit -Hn ${files}\` as root, or nofile in /etc/security/limits.conf) or use fewer --clients`);
  }
  return { command: '/bin/sh', args: ['-c', `ulimit -n ${files} && exec "$0" "$@"`, process.execPath, ...args] };
}

/**
 * Starts `node --import tsx <script>` from the repository root (`imports` are loaded after tsx,
 * so they may be TypeScript). With `ipc`, the child can `process.send` to the driver; `files`
 * raises its open-files limit when this shell's is lower (see `withFileLimit`). Every child is
 * killed when the driver exits, however it exits.
 */
export function spawnNode(
  name: string,
  script: string,
  options: { env?: NodeJS.ProcessEnv; ipc?: boolean; nodeArgs?: string[]; imports?: string[]; files?: number } = {},
): NodeChild {
  const imports = ['tsx', ...(options.imports ?? [])].flatMap((module) => ['--import', module]);
  const { command, args } = withFileLimit(options.files, [...(options.nodeArgs ?? []), ...imports, script]);
  const child = spawn(command, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', ...(options.ipc ? (['ipc'] as const) : [])],
  });
  children.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve(code ?? signal ?? 'unknown');
    });
  });
  const stop = async (graceMs = 5_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(killer);
  };
  return { name, process: child, exited, output: () => tail, stop };
}

/** A fresh temporary directory, removed when the driver exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 2xx (a start on a loaded 2-core machine can take a minute); fails early with the child's output if it exits first. */
export async function waitForHttp(url: string, child: NodeChild, timeoutMs = 120_000): Promise<void> {
  let exitedWith: number | string | null = null;
  void child.exited.then((code) => {
    exitedWith = code;
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (exitedWith !== null) throw new Error(`${child.name} exited (${exitedWith}) before it was ready:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(100);
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms (${lastError}):\n${child.output()}`);
}

/** CPU time (user + system, ms) a process has used so far, from /proc; null where there is no /proc. */
export function cpuTimeMs(pid: number | undefined): number | null {
  return pid === undefined ? null : ticksOf(`/proc/${pid}/stat`);
}

/** CPU time (ms) of a process's main thread alone (its event loop, without GC and libuv helper threads); null without /proc. */
export function mainThreadCpuTimeMs(pid: number | undefined): number | null {
  return pid === undefined ? null : ticksOf(`/proc/${pid}/task/${pid}/stat`);
}

/** Busy, waiting-for-disk and total CPU time (ms) of the whole machine, all cores, from /proc/stat; null without /proc. */
export function machineCpuMs(): { busy: number; iowait: number; total: number } | null {
  try {
    const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal …: idle and iowait are not busy.
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const iowait = fields[4] ?? 0;
    const ms = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
    return { busy: ms(total - (fields[3] ?? 0) - iowait), iowait: ms(iowait), total: ms(total) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** utime + stime (ms) from a /proc …/stat file; null when it is gone. */
function ticksOf(file: string): number | null {
  try {
    const stat = readFileSync(file, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * Waits until a process has used less than `share` of one core over a whole `windowMs`
 * (it has worked off its backlog), or `limitMs` passed; resolves the ms waited, or null
 * when it was still busy at the limit (or there is no /proc).
 */
export async function untilIdle(pid: number | undefined, options: { windowMs: number; share: number; limitMs: number }): Promise<number | null> {
  const started = Date.now();
  let before = cpuTimeMs(pid);
  while (before !== null && Date.now() - started < options.limitMs) {
    await sleep(options.windowMs);
    const after = cpuTimeMs(pid);
    if (after === null) return null;
    if (after - before < options.windowMs * options.share) return Date.now() - started;
    before = after;
  }
  return null;
}

/** Kills every child still running and removes the temp dirs; synchronous so it works in an 'exit' handler. */
export function cleanupNow(): void {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Removes one temp dir now (after its process has stopped). */
export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Cleans up on normal exit, on an uncaught error, and on Ctrl-C / SIGTERM (exit code 130 / 143). */
export function installCleanup(): void {
  process.once('exit', cleanupNow);
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted: stopping child processes\n');
    process.exit(130);
  });
  process.once('SIGTERM', () => process.exit(143));
}
