import { io, type Socket } from 'socket.io-client';
import { RECONNECTION } from '@diemcau/shared';
import { DEFAULTS } from './lib/args';
import { importSites, Resources, startDiemcau } from './lib/servers';
const n = Number(process.argv[2]);
const resources = new Resources();
const server = await startDiemcau({ ...DEFAULTS, scenario: 'x', clients: n, workers: 1 }, resources, { env: { LOG_LEVEL: 'info' }, profile: false });
const meeting = await importSites(server, 0, n);
const sockets: Socket[] = [];
for (let i = 0; i < n; i += 100) {
  await Promise.all(meeting.tokens.slice(i, i + 100).map((token) => new Promise((resolve) => {
    const s = io(server.url, { auth: { token }, transports: ['websocket'], forceNew: true, ...RECONNECTION, reconnection: process.argv[3] === 'rec' });
    s.once('meeting:snapshot', resolve);
    if (process.argv[3] === 'rec') s.on('disconnect', (r) => { if (r === 'io server disconnect') s.connect(); });
    sockets.push(s);
  })));
}
await new Promise((r) => setTimeout(r, 2000));
const t0 = performance.now();
server.child.process.kill('SIGTERM');
const code = await server.child.exited;
console.log(`exit ${code} after ${Math.round(performance.now() - t0)} ms`);
for (const s of sockets) s.close();
await resources.closeAll();
process.exit(0);
