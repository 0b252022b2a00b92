import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { browserSocketFactory, StreamConnection } from './stream-connection.ts';

const StreamContext = createContext<StreamConnection | null>(null);

function streamUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/v1/stream`;
}

/** Owns the tab's single stream socket for the app's lifetime. */
export function StreamProvider({ children }: { children: ReactNode }) {
  const [connection] = useState(() => new StreamConnection({ url: streamUrl(), createSocket: browserSocketFactory }));
  useEffect(() => {
    connection.start();
    return () => connection.close();
  }, [connection]);
  return <StreamContext.Provider value={connection}>{children}</StreamContext.Provider>;
}

export function useStreamConnection(): StreamConnection {
  const connection = useContext(StreamContext);
  if (!connection) throw new Error('useStreamConnection must be used inside <StreamProvider>');
  return connection;
}
