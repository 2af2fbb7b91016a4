/**
 * The apps' watchdog from SIGNALING.md ("Client behaviour the server must tolerate"): a client checks
 * every second and re-sends JOIN — at most `maxRejoins` times, then gives up — when no JOIN ack came
 * within 10 s, no ANSWER within 10 s of an OFFER, or the media path reports trouble (low sent frames,
 * p2m upload delay, a p2m viewer buffering). Offline time is not a failure: the watchdog waits for the
 * network and re-JOINs when it is back.
 *
 * Pure state machine: time comes from `now()`, actions leave as effects, so tests drive it with a fake
 * clock and the signal client carries the effects out.
 */

export type WatchdogState = 'idle' | 'initializing' | 'joined' | 'reinitializing' | 'waitingNetwork' | 'failed';

export type WatchdogEvent =
  | { type: 'start' }
  | { type: 'joinAck' }
  | { type: 'joinRefused'; code: number }
  | { type: 'offerSent' }
  | { type: 'answerReceived' }
  | { type: 'trouble'; reason: string }
  | { type: 'socketClosed' }
  | { type: 'networkLost' }
  | { type: 'networkBack' }
  | { type: 'leave' };

export type WatchdogEffect =
  | { type: 'sendJoin'; attempt: number; reason: string }
  | { type: 'sendLeave' }
  | { type: 'giveUp'; reason: string };

export interface WatchdogOptions {
  /** No JOIN ack within this long re-sends JOIN. Default 10 000 ms (SIGNALING.md). */
  joinAckTimeoutMs: number;
  /** No ANSWER within this long of an OFFER re-sends JOIN. Default 10 000 ms (SIGNALING.md). */
  answerTimeoutMs: number;
  /** Re-JOINs in a row before giving up. Default 3 (SIGNALING.md). */
  maxRejoins: number;
}

export const defaultWatchdogOptions: WatchdogOptions = { joinAckTimeoutMs: 10_000, answerTimeoutMs: 10_000, maxRejoins: 3 };

/** JOIN refusals a retry cannot fix (SIGNALING.md codes: malformed, wrong room type, no such room, exists, full, not allowed). */
const finalRefusals = new Set([2001, 2002, 4001, 4022, 4025, 4051]);

export class Watchdog {
  private current: WatchdogState = 'idle';
  private rejoins = 0;
  private joinSentAt = 0;
  private offerSentAt: number | null = null;
  private readonly options: WatchdogOptions;
  private readonly listeners = new Set<(state: WatchdogState) => void>();

  constructor(
    private readonly now: () => number,
    private readonly effect: (effect: WatchdogEffect) => void,
    options: Partial<WatchdogOptions> = {},
  ) {
    this.options = { ...defaultWatchdogOptions, ...options };
  }

  get state(): WatchdogState {
    return this.current;
  }

  /** Re-JOINs sent since the last successful JOIN. */
  get attempts(): number {
    return this.rejoins;
  }

  onChange(listener: (state: WatchdogState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispatch(event: WatchdogEvent): void {
    switch (event.type) {
      case 'start':
        if (this.current === 'idle' || this.current === 'failed') {
          this.rejoins = 0;
          this.join('initializing', 'start');
        }
        return;
      case 'joinAck':
        if (this.current === 'initializing' || this.current === 'reinitializing') {
          this.rejoins = 0;
          this.offerSentAt = null;
          this.move('joined');
        }
        return;
      case 'joinRefused':
        if (this.current === 'initializing' || this.current === 'reinitializing') {
          if (finalRefusals.has(event.code)) {
            this.fail(`JOIN refused with ${event.code}`);
          } else {
            this.rejoin(`JOIN refused with ${event.code}`);
          }
        }
        return;
      case 'offerSent':
        if (this.current === 'joined') {
          this.offerSentAt = this.now();
        }
        return;
      case 'answerReceived':
        this.offerSentAt = null;
        return;
      case 'trouble':
        if (this.current === 'joined') {
          this.rejoin(event.reason);
        }
        return;
      case 'socketClosed':
        if (this.current === 'joined' || this.current === 'initializing' || this.current === 'reinitializing') {
          this.rejoin('socket closed');
        }
        return;
      case 'networkLost':
        if (this.current === 'joined' || this.current === 'initializing' || this.current === 'reinitializing') {
          this.offerSentAt = null;
          this.move('waitingNetwork');
        }
        return;
      case 'networkBack':
        // Being offline is not the server's failure: this JOIN does not count against the limit.
        if (this.current === 'waitingNetwork') {
          this.join('reinitializing', 'network back');
        }
        return;
      case 'leave':
        if (this.current !== 'idle') {
          this.offerSentAt = null;
          this.move('idle');
          this.effect({ type: 'sendLeave' });
        }
        return;
    }
  }

  /** The once-a-second check. */
  tick(): void {
    const now = this.now();
    if ((this.current === 'initializing' || this.current === 'reinitializing') && now - this.joinSentAt >= this.options.joinAckTimeoutMs) {
      this.rejoin('no JOIN ack');
    } else if (this.current === 'joined' && this.offerSentAt !== null && now - this.offerSentAt >= this.options.answerTimeoutMs) {
      this.offerSentAt = null;
      this.rejoin('no ANSWER');
    }
  }

  private rejoin(reason: string): void {
    if (this.rejoins >= this.options.maxRejoins) {
      this.fail(`${reason}; gave up after ${this.options.maxRejoins} re-JOINs`);
      return;
    }

    this.rejoins++;
    this.join('reinitializing', reason);
  }

  private join(state: WatchdogState, reason: string): void {
    this.joinSentAt = this.now();
    this.move(state);
    this.effect({ type: 'sendJoin', attempt: this.rejoins, reason });
  }

  private fail(reason: string): void {
    this.offerSentAt = null;
    this.move('failed');
    this.effect({ type: 'giveUp', reason });
  }

  private move(state: WatchdogState): void {
    if (this.current !== state) {
      this.current = state;
      this.listeners.forEach((listener) => listener(state));
    }
  }
}
