import type { Logger } from 'pino';

/** A listener set whose failing member is logged instead of starving the others. */
export function createListeners<T>(logger: Logger, failureMessage: string) {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(value: T): void {
      for (const listener of listeners) {
        try {
          listener(value);
        } catch (error) {
          logger.error({ err: error }, failureMessage);
        }
      }
    },
    clear(): void {
      listeners.clear();
    },
  };
}
