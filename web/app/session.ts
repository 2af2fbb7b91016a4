import { GraphQLClient, GraphQLRequestError, Subscriptions } from '../sdk/src';

/** The signed-in user as the pages need it. */
export interface Me {
  id: string;
  username: string;
  fullname: string;
}

interface Stored {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: Me;
}

const key = 'tributary.session';
const authFields = 'accessToken accessTokenExpiresAt refreshToken user { id username fullname }';

/**
 * The sign-in of this browser tab's profile: tokens in localStorage, refreshed before they expire, one GraphQL
 * client and one subscriptions socket for every page.
 */
export class AppSession {
  private stored: Stored | null = null;
  private refreshing: Promise<void> | null = null;
  readonly graphql: GraphQLClient;
  private subs: Subscriptions | null = null;
  private readonly listeners = new Set<() => void>();

  constructor() {
    try {
      this.stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Stored | null;
    } catch {
      this.stored = null;
    }
    this.graphql = new GraphQLClient({ url: '/graphql', token: () => this.stored?.accessToken });
  }

  get me(): Me | null {
    return this.stored?.user ?? null;
  }

  get token(): string {
    return this.stored?.accessToken ?? '';
  }

  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  /** GraphQL request with a fresh token; a token the server refuses signs the tab out. */
  async request<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    await this.fresh();
    try {
      return await this.graphql.request<T>(query, variables);
    } catch (error) {
      if (error instanceof GraphQLRequestError && error.status === 401 && this.stored) {
        this.clear();
      }
      throw error;
    }
  }

  /** The shared subscriptions socket (graphql-ws), opened on first use. */
  get subscriptions(): Subscriptions {
    if (!this.subs) {
      const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
      this.subs = new Subscriptions({ url, token: () => this.stored?.accessToken, retryAttempts: 1000 });
    }
    return this.subs;
  }

  async signIn(login: string, password: string): Promise<void> {
    const data = await this.graphql.request<{ signIn: Stored }>(`mutation($login: String!, $password: String!) { signIn(login: $login, password: $password) { ${authFields} } }`, { login, password });
    this.save(data.signIn);
  }

  async signUp(email: string, password: string, username: string, fullname: string): Promise<void> {
    const data = await this.graphql.request<{ signUp: Stored }>(
      `mutation($email: String!, $password: String!, $username: String!, $fullname: String!) { signUp(email: $email, password: $password, username: $username, fullname: $fullname) { ${authFields} } }`,
      { email, password, username, fullname },
    );
    this.save(data.signUp);
  }

  async signOut(): Promise<void> {
    const refreshToken = this.stored?.refreshToken;
    this.clear();
    if (refreshToken) {
      await this.graphql.request(`mutation($t: String!) { signOut(refreshToken: $t) }`, { t: refreshToken }).catch(() => undefined);
    }
  }

  /** Keeps the profile fields shown in the header current after an edit. */
  updateMe(user: Me): void {
    if (this.stored) {
      this.save({ ...this.stored, user });
    }
  }

  private async fresh(): Promise<void> {
    if (!this.stored || Date.parse(this.stored.accessTokenExpiresAt) - Date.now() > 30_000) {
      return;
    }
    this.refreshing ??= (async () => {
      try {
        const data = await this.graphql.request<{ refreshToken: Stored }>(`mutation($t: String!) { refreshToken(refreshToken: $t) { ${authFields} } }`, { t: this.stored!.refreshToken });
        this.save(data.refreshToken);
      } catch (error) {
        if (error instanceof GraphQLRequestError && error.code === 'UNAUTHENTICATED') {
          this.clear();
        }
      } finally {
        this.refreshing = null;
      }
    })();
    await this.refreshing;
  }

  private save(stored: Stored): void {
    this.stored = stored;
    localStorage.setItem(key, JSON.stringify(stored));
    this.listeners.forEach((l) => l());
  }

  private clear(): void {
    this.stored = null;
    localStorage.removeItem(key);
    void this.subs?.dispose();
    this.subs = null;
    this.listeners.forEach((l) => l());
  }
}

export const session = new AppSession();
