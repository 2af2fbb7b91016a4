import { describe, expect, it } from 'vitest';
import { Watchdog, type WatchdogEffect } from '../src/watchdog';

function setup(options = {}) {
  let now = 0;
  const effects: WatchdogEffect[] = [];
  const states: string[] = [];
  const watchdog = new Watchdog(() => now, (e) => effects.push(e), options);
  watchdog.onChange((s) => states.push(s));
  const advance = (ms: number) => {
    for (let t = 0; t < ms; t += 1000) {
      now += 1000;
      watchdog.tick();
    }
  };
  return { watchdog, effects, states, advance, joins: () => effects.filter((e) => e.type === 'sendJoin').length };
}

describe('Watchdog', () => {
  it('starts idle, JOINs on start and is joined on the ack', () => {
    const { watchdog, effects, states } = setup();
    expect(watchdog.state).toBe('idle');
    watchdog.dispatch({ type: 'start' });
    watchdog.dispatch({ type: 'joinAck' });
    expect(states).toEqual(['initializing', 'joined']);
    expect(effects).toEqual([{ type: 'sendJoin', attempt: 0, reason: 'start' }]);
  });

  it('re-JOINs when no ack comes within 10 s, at most 3 times, then fails', () => {
    const { watchdog, effects, advance, joins } = setup();
    watchdog.dispatch({ type: 'start' });
    advance(9000);
    expect(joins()).toBe(1);
    advance(1000);
    expect(watchdog.state).toBe('reinitializing');
    expect(joins()).toBe(2);
    advance(20_000);
    expect(joins()).toBe(4);
    expect(watchdog.attempts).toBe(3);
    advance(10_000);
    expect(watchdog.state).toBe('failed');
    expect(joins()).toBe(4);
    expect(effects.at(-1)).toEqual({ type: 'giveUp', reason: 'no JOIN ack; gave up after 3 re-JOINs' });
    advance(60_000);
    expect(joins()).toBe(4);
  });

  it('a successful JOIN resets the re-JOIN count', () => {
    const { watchdog, advance, joins } = setup();
    watchdog.dispatch({ type: 'start' });
    advance(30_000);
    expect(watchdog.attempts).toBe(3);
    watchdog.dispatch({ type: 'joinAck' });
    expect(watchdog.attempts).toBe(0);
    watchdog.dispatch({ type: 'trouble', reason: 'low sent frames' });
    expect(watchdog.state).toBe('reinitializing');
    expect(joins()).toBe(5);
  });

  it('re-JOINs when no ANSWER comes within 10 s of an OFFER, not when it does', () => {
    const { watchdog, advance, joins } = setup();
    watchdog.dispatch({ type: 'start' });
    watchdog.dispatch({ type: 'joinAck' });
    watchdog.dispatch({ type: 'offerSent' });
    advance(5000);
    watchdog.dispatch({ type: 'answerReceived' });
    advance(20_000);
    expect(watchdog.state).toBe('joined');
    watchdog.dispatch({ type: 'offerSent' });
    advance(10_000);
    expect(watchdog.state).toBe('reinitializing');
    expect(joins()).toBe(2);
  });

  it('waits for the network without counting it as a failure, then re-JOINs', () => {
    const { watchdog, advance, joins, states } = setup();
    watchdog.dispatch({ type: 'start' });
    watchdog.dispatch({ type: 'joinAck' });
    watchdog.dispatch({ type: 'networkLost' });
    advance(120_000);
    expect(watchdog.state).toBe('waitingNetwork');
    expect(joins()).toBe(1);
    watchdog.dispatch({ type: 'networkBack' });
    watchdog.dispatch({ type: 'joinAck' });
    expect(states).toEqual(['initializing', 'joined', 'waitingNetwork', 'reinitializing', 'joined']);
    expect(watchdog.attempts).toBe(0);
  });

  it('a dropped socket re-JOINs; a final refusal fails at once; a transient one retries', () => {
    const { watchdog, joins } = setup();
    watchdog.dispatch({ type: 'start' });
    watchdog.dispatch({ type: 'joinAck' });
    watchdog.dispatch({ type: 'socketClosed' });
    expect(watchdog.state).toBe('reinitializing');
    watchdog.dispatch({ type: 'joinRefused', code: 500 });
    expect(watchdog.state).toBe('reinitializing');
    expect(joins()).toBe(3);
    watchdog.dispatch({ type: 'joinRefused', code: 4001 });
    expect(watchdog.state).toBe('failed');
  });

  it('leave goes idle and sends LEAVE; events of other states are ignored', () => {
    const { watchdog, effects } = setup();
    watchdog.dispatch({ type: 'joinAck' });
    watchdog.dispatch({ type: 'networkBack' });
    watchdog.dispatch({ type: 'trouble', reason: 'x' });
    expect(watchdog.state).toBe('idle');
    expect(effects).toEqual([]);
    watchdog.dispatch({ type: 'start' });
    watchdog.dispatch({ type: 'leave' });
    expect(watchdog.state).toBe('idle');
    expect(effects.at(-1)).toEqual({ type: 'sendLeave' });
  });

  it('honours configured limits', () => {
    const { watchdog, advance, joins } = setup({ joinAckTimeoutMs: 2000, maxRejoins: 1 });
    watchdog.dispatch({ type: 'start' });
    advance(2000);
    expect(joins()).toBe(2);
    advance(2000);
    expect(watchdog.state).toBe('failed');
  });
});
