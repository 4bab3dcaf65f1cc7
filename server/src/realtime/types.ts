import type { ClientToServerEvents, InterServerEvents, ServerToClientEvents, SocketData } from '@diemcau/shared';
import type { Server, Socket } from 'socket.io';

export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
