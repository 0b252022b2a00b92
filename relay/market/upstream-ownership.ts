import { eventTopicKey, topicKey } from '../../shared/market/index.ts';
import type { RefusedTopic, UpstreamMarketStream, UpstreamTopic } from './gateway.ts';

/**
 * One consumer's hold on the shared upstream stream (the browser stream hub is one, an in-relay
 * consumer such as a live strategy runner another). It sees only its own topics' events.
 */
export interface UpstreamFeed extends UpstreamMarketStream {
  /** Lets go of every topic this feed still holds; the feed is unusable afterwards. */
  release(): void;
}

/**
 * Upstream topic ownership: every feed's topics are reference-counted here, so the exchange
 * subscription starts with the first feed that wants a topic and stops only when the last one
 * lets go — a consumer inside the relay keeps its data when the last browser tab closes.
 */
export function shareUpstream(inner: UpstreamMarketStream): { openFeed(): UpstreamFeed } {
  const holders = new Map<string, number>();

  function acquire(topics: UpstreamTopic[]): void {
    const started = topics.filter((topic) => {
      const count = holders.get(topicKey(topic)) ?? 0;
      holders.set(topicKey(topic), count + 1);
      return count === 0;
    });
    if (started.length > 0) inner.subscribe(started);
  }

  function letGo(topics: UpstreamTopic[]): void {
    const stopped = topics.filter((topic) => {
      const count = (holders.get(topicKey(topic)) ?? 0) - 1;
      if (count > 0) holders.set(topicKey(topic), count);
      else holders.delete(topicKey(topic));
      return count <= 0;
    });
    if (stopped.length > 0) inner.unsubscribe(stopped);
  }

  // A refused topic is gone upstream for everyone; a later subscribe may try it afresh.
  inner.onRefused(({ topic }) => holders.delete(topicKey(topic)));

  return {
    openFeed(): UpstreamFeed {
      const own = new Map<string, UpstreamTopic>();
      const refusedListeners = new Set<(refused: RefusedTopic) => void>();
      const detach: Array<() => void> = [
        inner.onRefused((refused) => {
          if (!own.delete(topicKey(refused.topic))) return;
          for (const listener of refusedListeners) listener(refused);
        }),
      ];
      let released = false;
      return {
        subscribe(topics) {
          if (released) throw new Error('this upstream feed was released');
          const fresh = topics.filter((topic, i) => {
            const key = topicKey(topic);
            return !own.has(key) && topics.findIndex((t) => topicKey(t) === key) === i;
          });
          for (const topic of fresh) own.set(topicKey(topic), topic);
          acquire(fresh);
        },
        unsubscribe(topics) {
          const held = topics.filter((topic) => own.delete(topicKey(topic)));
          letGo(held);
        },
        onEvent(listener) {
          const off = inner.onEvent((event) => {
            if (own.has(eventTopicKey(event))) listener(event);
          });
          detach.push(off);
          return off;
        },
        onStatus(listener) {
          const off = inner.onStatus(listener);
          detach.push(off);
          return off;
        },
        onRefused(listener) {
          refusedListeners.add(listener);
          return () => refusedListeners.delete(listener);
        },
        status: () => inner.status(),
        release() {
          if (released) return;
          released = true;
          letGo([...own.values()]);
          own.clear();
          refusedListeners.clear();
          for (const off of detach.splice(0)) off();
        },
      };
    },
  };
}
