import { createClient, type Client } from 'graphql-ws';

/**
 * Subscriptions over `graphql-transport-ws` (the `graphql-ws` client) at the server's `/graphql`:
 * authenticated in `connection_init` with `{ token }`, retried on network loss.
 */
export interface SubscriptionsOptions {
  /** e.g. `ws://127.0.0.1:8080/graphql`. */
  url: string;
  /** The current access token (read at every (re)connect). */
  token: () => string | null | undefined;
  /** A WebSocket implementation where the global one is missing (Node). */
  webSocketImpl?: unknown;
  /** Reconnect attempts after a drop. Default 5. */
  retryAttempts?: number;
}

export interface Subscription {
  unsubscribe(): void;
}

export class Subscriptions {
  readonly client: Client;

  constructor(options: SubscriptionsOptions) {
    this.client = createClient({
      url: options.url,
      connectionParams: () => {
        const token = options.token();
        return token ? { token } : {};
      },
      webSocketImpl: options.webSocketImpl,
      retryAttempts: options.retryAttempts ?? 5,
      lazy: true,
    });
  }

  /** Calls `next` with each event's data; `error` with the server's errors (each has `extensions.code`) or a close event. */
  subscribe<T>(query: string, variables: Record<string, unknown> | undefined, next: (data: T) => void, error?: (reason: unknown) => void): Subscription {
    const dispose = this.client.subscribe<T>(
      { query, variables },
      {
        next: (value) => {
          if (value.data) {
            next(value.data as T);
          }
        },
        error: (reason) => error?.(reason),
        complete: () => {},
      },
    );
    return { unsubscribe: dispose };
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}
