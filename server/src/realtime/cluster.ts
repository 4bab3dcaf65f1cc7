import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import { type ClusterMessage, MessageType } from 'socket.io-adapter';

/** The Redis stream (and PUB/SUB channel prefix) diemcau's nodes share. */
export const STREAM_NAME = 'diemcau:socket.io';

/**
 * Socket.IO's Redis streams adapter, telling `delivered` of each broadcast another node
 * sent once it has been handed to this node's sockets (the stream is read in order, one
 * entry at a time). The adapter itself is untouched: rooms, broadcasts, fetchSockets and
 * disconnectSockets work across nodes as Socket.IO documents them.
 */
export function clusterAdapter(redis: Redis, delivered: (event: unknown[], rooms: readonly string[]) => void): ServerOptions['adapter'] {
  const make = createAdapter(redis, { streamName: STREAM_NAME, channelPrefix: STREAM_NAME, maxLen: 10_000 });
  // A plain function: Socket.IO calls `new` on it, which returns the adapter built here.
  return function DiemcauAdapter(nsp: unknown) {
    const adapter = make(nsp);
    // onMessage is where the adapter hands other nodes' messages to this node (protected in its
    // types; pinned by tests/integration/cluster-adapter.test.ts, so an upgrade that changes it fails there).
    const reader = adapter as unknown as { uid: string; onMessage(message: ClusterMessage, offset?: string): void };
    const onMessage = reader.onMessage.bind(adapter);
    reader.onMessage = (message, offset) => {
      const result = onMessage(message, offset);
      if (message.type === MessageType.BROADCAST && message.uid !== reader.uid && message.data.requestId === undefined) {
        const event = (message.data.packet as { data?: unknown }).data;
        if (Array.isArray(event)) delivered(event, message.data.opts.rooms);
      }
      return result;
    };
    return adapter;
  };
}
