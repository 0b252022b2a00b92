import type { RawData, WebSocket } from 'ws';

/**
 * Keeps a hub's set of live connections: a connection joins on accept (paused if the hub is
 * silent) and leaves on close or error, whichever comes first.
 */
export function trackConnection<C extends { socket: WebSocket }>(connections: Set<C>, connection: C, silent: boolean, onMessage: (data: RawData) => void): void {
  const { socket } = connection;
  connections.add(connection);
  if (silent) socket.pause();
  socket.on('message', onMessage);
  socket.on('close', () => connections.delete(connection));
  socket.on('error', () => connections.delete(connection));
}
