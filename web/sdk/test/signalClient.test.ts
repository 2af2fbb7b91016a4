import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RoomConnection, type SignalSocket } from '../src/signalClient';

class FakeSocket implements SignalSocket {
  readonly sent: { action: string; data: Record<string, unknown> }[] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  onopen: (() => void) | null = null;
  closed = false;

  constructor(readonly url: string) {}

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  close(): void {
    this.closed = true;
  }

  reply(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

const session = { userId: 'u1', sessionId: 's1', host: 'Web' };

function setup(create = true) {
  const sockets: FakeSocket[] = [];
  const room = new RoomConnection(
    { url: 'ws://server/signal', token: () => 'jwt token', session, connect: (url) => { const s = new FakeSocket(url); sockets.push(s); return s; }, now: () => Date.now() },
    'room-1',
    'm2m',
    create,
  );
  return { room, sockets };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('RoomConnection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connects with the token, JOINs with roomCreating, resolves on the ack and heartbeats every 3 s', async () => {
    const { room, sockets } = setup();
    const joined = room.start();
    await flush();
    sockets[0].onopen?.();
    await flush();

    expect(sockets[0].url).toBe('ws://server/signal?token=jwt%20token');
    expect(sockets[0].sent[0]).toEqual({ action: 'join', data: { s: 'JOIN', ch: 'm2m', ss: session, rid: 'room-1', ve: true, ae: true, eg: 'native', op: { roomCreating: true } } });
    sockets[0].reply({ c: 200, s: 'JOIN', b: { rid: 'room-1', pps: [] } });
    await joined;
    expect(room.state).toBe('joined');

    await vi.advanceTimersByTimeAsync(6000);
    expect(sockets[0].sent.filter((m) => m.action === 'heartbeat')).toHaveLength(2);
    room.stop();
    expect(sockets[0].sent.at(-1)?.action).toBe('leave');
    expect(room.state).toBe('idle');
  });

  it('reconnects and re-JOINs (without roomCreating) when the socket drops', async () => {
    const { room, sockets } = setup();
    const joined = room.start();
    await flush();
    sockets[0].onopen?.();
    await flush();
    sockets[0].reply({ c: 200, s: 'JOIN', b: { rid: 'room-1' } });
    await joined;

    sockets[0].onclose?.();
    await flush();
    expect(room.state).toBe('reinitializing');
    sockets[1].onopen?.();
    await flush();
    expect(sockets[1].sent[0].data.op).toBeUndefined();
    sockets[1].reply({ c: 200, s: 'JOIN', b: { rid: 'room-1' } });
    await flush();
    expect(room.state).toBe('joined');
    room.stop();
  });

  it('goes offline without sending, re-JOINs on the same open socket when the network is back, and reports each JOIN ack', async () => {
    const { room, sockets } = setup();
    const acks: [unknown, boolean][] = [];
    room.onJoined = (ack, rejoin) => acks.push([ack.b?.pt, rejoin]);
    const joined = room.start();
    await flush();
    sockets[0].onopen?.();
    await flush();
    sockets[0].reply({ c: 200, s: 'JOIN', b: { rid: 'room-1', pt: 'admin' } });
    await joined;

    room.watchdog.dispatch({ type: 'networkLost' });
    expect(room.state).toBe('waitingNetwork');
    const sentBefore = sockets[0].sent.length;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(room.state).toBe('waitingNetwork');
    expect(sockets[0].sent.slice(sentBefore).filter((m) => m.action === 'heartbeat' || m.action === 'join')).toHaveLength(0);

    room.watchdog.dispatch({ type: 'networkBack' });
    await flush();
    expect(room.state).toBe('reinitializing');
    expect(sockets).toHaveLength(1);
    const rejoin = sockets[0].sent.at(-1)!;
    expect(rejoin.action).toBe('join');
    expect(rejoin.data.op).toBeUndefined();
    sockets[0].reply({ c: 200, s: 'JOIN', b: { rid: 'room-1', pt: 'admin' } });
    await flush();
    expect(room.state).toBe('joined');
    expect(room.watchdog.attempts).toBe(0);
    expect(acks).toEqual([['admin', false], ['admin', true]]);
    room.stop();
  });

  it('sends signals without acks through notify, with the room fields from signal()', async () => {
    const { room, sockets } = setup();
    const joined = room.start();
    await flush();
    sockets[0].onopen?.();
    await flush();
    sockets[0].reply({ c: 200, s: 'JOIN', b: { rid: 'room-1' } });
    await joined;
    room.notify('iceCandidate', room.signal('ICE', { sdp: 'candidate:1' }));
    expect(sockets[0].sent.at(-1)).toEqual({ action: 'iceCandidate', data: { s: 'ICE', ch: 'm2m', ss: session, rid: 'room-1', sdp: 'candidate:1' } });
    room.stop();
  });

  it('fails at once on a JOIN refusal a retry cannot fix, and passes forwarded signals on', async () => {
    const { room, sockets } = setup(false);
    const forwarded: unknown[] = [];
    room.onSignal = (m) => forwarded.push(m);
    const joined = room.start();
    await flush();
    sockets[0].onopen?.();
    await flush();
    sockets[0].reply({ s: 'PUBLISH_REQUEST', rid: 'room-1' });
    sockets[0].reply({ c: 4001, s: 'JOIN', b: { req: { rid: 'room-1' }, msg: 'no such room' } });

    await expect(joined).rejects.toThrow('could not join room-1');
    expect(room.state).toBe('failed');
    expect(forwarded).toEqual([{ s: 'PUBLISH_REQUEST', rid: 'room-1' }]);
    room.stop();
  });

  it('re-JOINs when no ack arrives within 10 s, three times, then gives up', async () => {
    const { room, sockets } = setup(false);
    const joined = room.start().catch((e: Error) => e.message);
    await flush();
    sockets[0].onopen?.();
    await vi.advanceTimersByTimeAsync(41_000);

    expect(sockets[0].sent.filter((m) => m.action === 'join')).toHaveLength(4);
    expect(await joined).toBe('could not join room-1');
    room.stop();
  });
});
