import { execFile, execFileSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * One site's own network line, for tests that cut it or make it weak: a network namespace
 * joined to this machine by a veth pair. A browser started with `chromium` (a wrapper that
 * runs Chromium inside the namespace) reaches the servers only through the line, at
 * `hostIp`; every other browser and process keeps its own path. The line is cut or capped
 * with `tc` on both ends (token bucket: this kernel has no netem), so WebRTC's UDP and TCP,
 * the LiveKit signalling and the diemcau socket all suffer alike, as on a district's uplink.
 * Needs root and iproute2 (`ip netns`, `tc`).
 */
export type NetLine = {
  /** This machine's end: servers that the namespaced browser must reach listen here. */
  hostIp: string;
  /** The host end's interface name (LiveKit gathers its candidates on it). */
  hostInterface: string;
  /** An executable that runs Chromium with this line as its only network. */
  chromium: string;
  /** Every packet dropped both ways; the link itself stays up (the district's uplink failed, not its cable). */
  cut: () => Promise<void>;
  /** A weak line: `kbit` each way with a short queue, what does not fit is dropped. */
  limit: (kbit: number) => Promise<void>;
  /** The line as it was: no cap. */
  restore: () => Promise<void>;
  /** Removes the namespace, the veth pair and the wrapper. */
  remove: () => Promise<void>;
};

/** A line for one browser, between this machine and a new namespace, on a random /30 of 10.224.0.0/11. */
export async function netLine(chromiumPath: string): Promise<NetLine> {
  const id = `dc${process.pid % 100_000}x${randomInt(1000)}`;
  const [hostIf, nsIf] = [`${id}h`, `${id}n`];
  const base = randomInt(0, 1 << 19) * 4; // 2^21 addresses below 10.224.0.0
  const ip = (offset: number) => {
    const n = (224 << 16) + base + offset;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
  const [hostIp, nsIp] = [ip(1), ip(2)];
  const inNs = (...args: string[]) => run('ip', ['netns', 'exec', id, ...args]);
  const dir = await mkdtemp(path.join(tmpdir(), 'diemcau-netline-'));
  const chromium = path.join(dir, 'chromium');

  const removeSync = () => {
    for (const args of [['link', 'del', hostIf], ['netns', 'del', id]]) {
      try {
        execFileSync('ip', args, { stdio: 'ignore' });
      } catch {
        // already gone
      }
    }
  };
  // a worker torn down mid-test still leaves no namespace behind
  process.once('exit', removeSync);

  try {
    await run('ip', ['netns', 'add', id]);
    await run('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf]);
    await run('ip', ['link', 'set', nsIf, 'netns', id]);
    await run('ip', ['addr', 'add', `${hostIp}/30`, 'dev', hostIf]);
    await run('ip', ['link', 'set', hostIf, 'up']);
    await inNs('ip', 'addr', 'add', `${nsIp}/30`, 'dev', nsIf);
    await inNs('ip', 'link', 'set', nsIf, 'up');
    await inNs('ip', 'link', 'set', 'lo', 'up');
    // as a site's machine has: everything goes out through its line
    await inNs('ip', 'route', 'add', 'default', 'via', hostIp);
    await writeFile(chromium, `#!/bin/sh\nexec ip netns exec ${id} ${JSON.stringify(chromiumPath)} "$@"\n`);
    await chmod(chromium, 0o755);
  } catch (error) {
    removeSync();
    await rm(dir, { recursive: true, force: true });
    throw new Error(`could not make a network line for the test (${id}): ${(error as Error).message}`);
  }

  /** The same queueing discipline on both ends: each shapes what leaves through it. */
  const shape = async (tbf: string[] | null) => {
    const host = tbf ? ['tc', 'qdisc', 'replace', 'dev', hostIf, 'root', 'tbf', ...tbf] : ['tc', 'qdisc', 'del', 'dev', hostIf, 'root'];
    const ns = tbf ? ['tc', 'qdisc', 'replace', 'dev', nsIf, 'root', 'tbf', ...tbf] : ['tc', 'qdisc', 'del', 'dev', nsIf, 'root'];
    await Promise.all([run(host[0]!, host.slice(1)), inNs(...ns)]);
  };
  let shaped = false;

  return {
    hostIp,
    hostInterface: hostIf,
    chromium,
    cut: async () => {
      // a bucket of one byte: no packet ever fits, none is queued
      await shape(['rate', '8bit', 'burst', '1', 'limit', '1']);
      shaped = true;
    },
    limit: async (kbit) => {
      // a bucket of two full packets and 150 ms of queue: a congested line that drops what exceeds it
      await shape(['rate', `${kbit}kbit`, 'burst', '3000', 'latency', '150ms']);
      shaped = true;
    },
    restore: async () => {
      if (shaped) await shape(null);
      shaped = false;
    },
    remove: async () => {
      process.removeListener('exit', removeSync);
      removeSync();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
