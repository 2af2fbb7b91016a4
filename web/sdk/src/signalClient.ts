import { Watchdog, type WatchdogOptions, type WatchdogState } from './watchdog';

/** Room types of SIGNALING.md. */
export type Channel = 'm2m' | 'a2m' | 'p2m' | 'p2p';

export interface Session {
  userId: string;
  sessionId: string;
  category?: 'stream' | 'screenshare';
  host?: string;
  deviceId?: string;
}

/** A server message: an ack `{c, s, b}` or a forwarded signal (the sender's `data`). */
export interface SignalMessage {
  c?: number;
  s: string;
  b?: Record<string, unknown>;
  [key: string]: unknown;
}

export class SignalError extends Error {
  constructor(readonly code: number, readonly signal: string, message: string) {
    super(message);
    this.name = 'SignalError';
  }
}

/** The part of WebSocket the client uses (tests pass a fake). */
export interface SignalSocket {
  send(text: string): void;
  close(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  onopen: (() => void) | null;
}

export interface SignalClientOptions {
  /** `ws://host:port/signal`; the token goes in `?token=` (SIGNALING.md: mobile SDKs cannot set headers). */
  url: string;
  token: () => string;
  session: Session;
  /** Opens a socket; default the global WebSocket. */
  connect?: (url: string) => SignalSocket;
  /** Milliseconds now; default Date.now. */
  now?: () => number;
  /** Heartbeat period. Default 3000 ms (SIGNALING.md). */
  heartbeatMs?: number;
  watchdog?: Partial<WatchdogOptions>;
  /** The JOIN's `ve`/`ae` (video, audio enabled), read at every JOIN. Default both true. */
  media?: () => { ve: boolean; ae: boolean };
}

interface Pending {
  signal: string;
  rid: string;
  resolve: (message: SignalMessage) => void;
  reject: (error: Error) => void;
}

/**
 * One room over `/signal`: JOIN with acks as promises, heartbeats every 3 s, and the watchdog that
 * re-JOINs (reconnecting first when the socket dropped). Forwarded signals and RESTART go to `onSignal`.
 */
export class RoomConnection {
  readonly watchdog: Watchdog;
  private socket: SignalSocket | null = null;
  private open = false;
  private readonly pending: Pending[] = [];
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  onSignal: (message: SignalMessage) => void = () => {};
  /** Every successful JOIN ack (the first and each re-JOIN's): `pps`, `pt`, `es` for the page to (re)build its media. */
  onJoined: (ack: SignalMessage, rejoin: boolean) => void = () => {};
  private joins = 0;

  constructor(
    private readonly options: SignalClientOptions,
    readonly roomId: string,
    readonly channel: Channel,
    private readonly create = false,
  ) {
    const now = options.now ?? (() => Date.now());
    this.watchdog = new Watchdog(now, (effect) => {
      if (effect.type === 'sendJoin') {
        void this.join(effect.attempt > 0 || effect.reason !== 'start');
      } else if (effect.type === 'sendLeave') {
        this.send('leave', { s: 'LEAVE', ch: this.channel, ss: this.options.session, rid: this.roomId });
      }
    }, options.watchdog);
  }

  get state(): WatchdogState {
    return this.watchdog.state;
  }

  /** Connects and JOINs; the watchdog takes it from there. Resolves once joined, rejects if it fails. */
  start(): Promise<void> {
    const done = new Promise<void>((resolve, reject) => {
      const off = this.watchdog.onChange((state) => {
        if (state === 'joined') {
          off();
          resolve();
        } else if (state === 'failed') {
          off();
          reject(new Error('could not join ' + this.roomId));
        }
      });
    });
    this.timers.push(setInterval(() => this.watchdog.tick(), 1000));
    this.timers.push(setInterval(() => {
      if (this.watchdog.state === 'joined') {
        this.send('heartbeat', { s: 'HEARTBEAT', ch: this.channel, ss: this.options.session, rid: this.roomId });
      }
    }, this.options.heartbeatMs ?? 3000));
    this.watchdog.dispatch({ type: 'start' });
    return done;
  }

  /** LEAVE and close. */
  stop(): void {
    this.watchdog.dispatch({ type: 'leave' });
    this.timers.forEach(clearInterval);
    this.timers.length = 0;
    this.socket?.close();
    this.socket = null;
    this.rejectAll(new Error('stopped'));
  }

  /** Sends a signal and resolves with its 200 ack (rejects with {@link SignalError} for other codes). */
  request(action: string, data: Record<string, unknown> & { s: string }): Promise<SignalMessage> {
    return new Promise((resolve, reject) => {
      this.pending.push({ signal: data.s, rid: this.roomId, resolve, reject });
      this.send(action, data);
    });
  }

  /** The session this connection speaks for. */
  get session(): Session {
    return this.options.session;
  }

  /** Sends a signal that has no ack to wait for (ICE, p2p relays); dropped while the socket is down. */
  notify(action: string, data: Record<string, unknown> & { s: string }): void {
    this.send(action, data);
  }

  /** Fills in `ch`, `ss` and `rid` of this room. */
  signal(s: string, fields: Record<string, unknown> = {}): Record<string, unknown> & { s: string } {
    return { s, ch: this.channel, ss: this.options.session, rid: this.roomId, ...fields };
  }

  private async join(again: boolean): Promise<void> {
    try {
      await this.ensureSocket();
      const op = this.create && !again ? { roomCreating: true } : undefined;
      const media = this.options.media?.() ?? { ve: true, ae: true };
      const ack = await this.request('join', { s: 'JOIN', ch: this.channel, ss: this.options.session, rid: this.roomId, ...media, eg: 'native', ...(op ? { op } : {}) });
      const rejoin = this.joins++ > 0;
      this.watchdog.dispatch({ type: 'joinAck' });
      this.onJoined(ack, rejoin);
    } catch (error) {
      if (error instanceof SignalError) {
        this.watchdog.dispatch({ type: 'joinRefused', code: error.code });
      }
      // Other failures (socket gone) surface through the watchdog's JOIN-ack timeout.
    }
  }

  private ensureSocket(): Promise<void> {
    if (this.socket && this.open) {
      return Promise.resolve();
    }

    const connect = this.options.connect ?? ((url: string) => new WebSocket(url) as unknown as SignalSocket);
    const separator = this.options.url.includes('?') ? '&' : '?';
    const socket = connect(`${this.options.url}${separator}token=${encodeURIComponent(this.options.token())}`);
    this.socket = socket;
    this.open = false;
    return new Promise((resolve) => {
      socket.onopen = () => {
        this.open = true;
        resolve();
      };
      socket.onmessage = (event) => this.receive(String(event.data));
      socket.onclose = () => {
        if (this.socket === socket) {
          this.socket = null;
          this.open = false;
          this.rejectAll(new Error('socket closed'));
          this.watchdog.dispatch({ type: 'socketClosed' });
        }
      };
    });
  }

  private receive(text: string): void {
    let message: SignalMessage;
    try {
      message = JSON.parse(text) as SignalMessage;
    } catch {
      return;
    }

    if (typeof message.c === 'number') {
      const body = message.b ?? {};
      const request = (body.req ?? {}) as Record<string, unknown>;
      const rid = (body.rid ?? request.rid) as string | undefined;
      const index = this.pending.findIndex((p) => p.signal === message.s && (rid === undefined || p.rid === rid));
      if (index >= 0) {
        const [pending] = this.pending.splice(index, 1);
        if (message.c === 200) {
          pending.resolve(message);
        } else {
          pending.reject(new SignalError(message.c, message.s, String(body.msg ?? `${message.s} failed with ${message.c}`)));
        }
        return;
      }
    }

    this.onSignal(message);
  }

  private send(action: string, data: Record<string, unknown>): void {
    if (this.socket && this.open) {
      this.socket.send(JSON.stringify({ action, data }));
    }
  }

  private rejectAll(error: Error): void {
    this.pending.splice(0).forEach((p) => p.reject(error));
  }
}
