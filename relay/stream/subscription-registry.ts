import { topicKey, type StreamTopic } from '../../shared/market/index.ts';

/**
 * Reference-counted topic subscriptions of browser clients. Pure bookkeeping: each call returns
 * the topics whose upstream subscription must start (first subscriber) or stop (last one gone),
 * so 100 tabs on BTCUSDT cost one upstream subscription.
 */
export class SubscriptionRegistry<Client> {
  private readonly subscribers = new Map<string, { topic: StreamTopic; clients: Set<Client> }>();
  private readonly topicsByClient = new Map<Client, Set<string>>();

  /** Topics that had no subscriber before this call. */
  subscribe(client: Client, topics: StreamTopic[]): StreamTopic[] {
    const started: StreamTopic[] = [];
    let own = this.topicsByClient.get(client);
    if (!own) this.topicsByClient.set(client, (own = new Set()));
    for (const topic of topics) {
      const key = topicKey(topic);
      let entry = this.subscribers.get(key);
      if (!entry) {
        this.subscribers.set(key, (entry = { topic, clients: new Set() }));
        started.push(topic);
      }
      entry.clients.add(client);
      own.add(key);
    }
    return started;
  }

  /** Topics left without any subscriber by this call. */
  unsubscribe(client: Client, topics: StreamTopic[]): StreamTopic[] {
    return this.release(client, topics.map(topicKey));
  }

  /** Drops every subscription of a disconnected client. */
  removeClient(client: Client): StreamTopic[] {
    const own = this.topicsByClient.get(client);
    const stopped = own ? this.release(client, [...own]) : [];
    this.topicsByClient.delete(client);
    return stopped;
  }

  /** Forgets a topic for every client (the exchange refused it); returns who was subscribed. */
  dropTopic(topic: StreamTopic): Client[] {
    const key = topicKey(topic);
    const entry = this.subscribers.get(key);
    if (!entry) return [];
    this.subscribers.delete(key);
    for (const client of entry.clients) this.topicsByClient.get(client)?.delete(key);
    return [...entry.clients];
  }

  subscribersOf(key: string): ReadonlySet<Client> | undefined {
    return this.subscribers.get(key)?.clients;
  }

  topicsOf(client: Client): string[] {
    return [...(this.topicsByClient.get(client) ?? [])];
  }

  activeTopics(): StreamTopic[] {
    return [...this.subscribers.values()].map((entry) => entry.topic);
  }

  private release(client: Client, keys: string[]): StreamTopic[] {
    const stopped: StreamTopic[] = [];
    const own = this.topicsByClient.get(client);
    for (const key of keys) {
      const entry = this.subscribers.get(key);
      if (!entry || !entry.clients.delete(client)) continue;
      own?.delete(key);
      if (entry.clients.size === 0) {
        this.subscribers.delete(key);
        stopped.push(entry.topic);
      }
    }
    return stopped;
  }
}
