import { SignalError, type SignalMessage } from '../../sdk/src';
import { api, type User } from '../api';
import { navigate } from '../main';
import { connectRoom, framesDecoded, iceServersOf, stateWords, testHooks } from '../rtc';
import { session } from '../session';
import { act, describe, errorBox, h, report, show } from '../ui';

interface IncomingCall {
  roomId: string;
  caller: User | null;
}

/** The `incomingCall` subscription: a ringing dialog with Accept / Decline; a missed call closes it. */
export function watchIncomingCalls(): () => void {
  const ring = document.getElementById('ring')!;
  let current: string | null = null;
  const close = () => {
    current = null;
    ring.hidden = true;
    ring.replaceChildren();
  };
  const sub = session.subscriptions.subscribe<{ incomingCall: IncomingCall }>(
    'subscription { incomingCall { roomId caller { id username fullname } } }',
    undefined,
    ({ incomingCall: call }) => {
      if (!call) {
        return;
      }
      current = call.roomId;
      const name = call.caller?.fullname || call.caller?.username || 'Someone';
      const error = errorBox();
      const accept = h('button', { type: 'button', class: 'accept' }, 'Accept');
      const decline = h('button', { type: 'button', class: 'danger' }, 'Decline');
      accept.addEventListener('click', () => {
        close();
        navigate(`/call/${call.roomId}`);
      });
      decline.addEventListener('click', () => void act(decline, error, async () => {
        await api.declineCall(call.roomId);
        close();
      }));
      ring.replaceChildren(h('h2', { id: 'ring-title' }, `${name} is calling`), h('div', { class: 'row' }, accept, decline), error);
      ring.hidden = false;
      accept.focus();
    },
  );
  const onNotification = (event: Event) => {
    const n = (event as CustomEvent).detail as { kind: string; room?: { id: string } | null };
    if (n.kind === 'MISSED_CALL' && n.room?.id === current) {
      close();
    }
  };
  window.addEventListener('tributary:notification', onNotification);
  return () => {
    sub.unsubscribe();
    window.removeEventListener('tributary:notification', onNotification);
    close();
  };
}

/**
 * A 1:1 call (p2p room): the caller JOINs with roomCreating and waits; the callee JOINs, learns the caller from
 * `pps` and sends the OFFER; OFFER/ANSWER/ICE are relayed through /signal; media flows peer to peer.
 */
export async function callPage(roomId: string, caller: boolean): Promise<() => void> {
  const error = errorBox();
  const status = h('p', { class: 'call-status', role: 'status', 'aria-live': 'polite', 'data-testid': 'call-status' }, caller ? 'Calling…' : 'Joining the call…');
  const connection = h('p', { class: 'muted', 'data-testid': 'connection-state' }, stateWords.idle);
  const remote = h('video', { autoplay: true, playsinline: true, class: 'remote', 'aria-label': 'The other person' });
  const local = h('video', { autoplay: true, playsinline: true, muted: true, class: 'local', 'aria-label': 'You' });
  local.muted = true;
  const hangUp = h('button', { type: 'button', class: 'danger' }, 'Hang up');
  show(h('h1', {}, caller ? 'Calling' : 'Call'), status, connection, error, h('div', { class: 'call-videos' }, remote, local), h('div', { class: 'row' }, hangUp));

  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
  } catch (e) {
    report(error, e);
    status.textContent = 'The call cannot start without a camera or microphone.';
    return () => undefined;
  }
  local.srcObject = stream;

  let pc: RTCPeerConnection | null = null;
  let peer: { userId: string; sessionId: string } | null = null;
  const pendingIce: RTCIceCandidateInit[] = [];
  let ended = false;
  let disposeRoom: (() => void) | null = null;
  const pcs = new Set<RTCPeerConnection>();
  testHooks.callFrames = () => framesDecoded(pcs);

  const finish = (words: string) => {
    if (ended) {
      return;
    }
    ended = true;
    status.textContent = words;
    pc?.close();
    stream.getTracks().forEach((t) => t.stop());
    disposeRoom?.();
    disposeRoom = null;
    hangUp.textContent = 'Back to the feed';
  };

  const events = session.subscriptions.subscribe<{ roomEvents: { kind: string } }>(
    'subscription($id: ID!) { roomEvents(roomId: $id) { kind } }',
    { id: roomId },
    ({ roomEvents }) => {
      if (roomEvents?.kind === 'CALL_DECLINED') {
        finish('The call was declined.');
      } else if (roomEvents?.kind === 'ROOM_ENDED') {
        finish('The call has ended.');
      }
    },
  );

  const start = async (attempt: number): Promise<void> => {
    const { conn, dispose } = connectRoom(roomId, 'p2p', caller, () => ({ ve: true, ae: true }));
    disposeRoom = dispose;
    conn.watchdog.onChange((state) => (connection.textContent = stateWords[state]));
    const makePc = (iceServers: RTCIceServer[]) => {
      pc = new RTCPeerConnection({ iceServers });
      pcs.add(pc);
      stream.getTracks().forEach((t) => pc!.addTrack(t, stream));
      pc.onicecandidate = (e) => {
        if (e.candidate) {
          conn.notify('iceCandidate', conn.signal('ICE', { sdp: JSON.stringify(e.candidate.toJSON()), ...(peer ? { to: peer } : {}) }));
        }
      };
      pc.ontrack = (e) => {
        remote.srcObject = e.streams[0] ?? new MediaStream([e.track]);
      };
      pc.onconnectionstatechange = () => {
        if (pc?.connectionState === 'connected' && !ended) {
          status.textContent = 'In call';
        } else if (pc?.connectionState === 'failed') {
          status.textContent = 'The connection to the other person failed.';
        }
      };
    };
    const flushIce = async () => {
      for (const c of pendingIce.splice(0)) {
        await pc!.addIceCandidate(c);
      }
    };
    conn.onJoined = async (ack, rejoin) => {
      if (rejoin || pc) {
        return;
      }
      makePc(iceServersOf(ack));
      if (caller) {
        status.textContent = 'Ringing…';
        return;
      }
      const pps = (ack.b?.pps ?? []) as { id: string; userId: string }[];
      const other = pps.find((p) => p.id !== conn.session.sessionId);
      if (!other) {
        finish('The caller has already left.');
        return;
      }
      peer = { userId: other.userId, sessionId: other.id };
      await pc!.setLocalDescription(await pc!.createOffer());
      conn.notify('offer', conn.signal('OFFER', { sdp: pc!.localDescription!.sdp, to: peer }));
      status.textContent = 'Connecting the call…';
    };
    conn.onSignal = (m: SignalMessage) => void onSignal(m).catch((e) => report(error, e));
    const onSignal = async (m: SignalMessage) => {
      if (m.c !== undefined) {
        if (m.s === 'LEAVE' && m.c === 4003) {
          finish(caller ? 'No answer: the call was missed.' : 'The call was missed.');
        }
        return;
      }
      const ss = m.ss as { userId: string; sessionId: string } | undefined;
      if (ss) {
        peer ??= { userId: ss.userId, sessionId: ss.sessionId };
      }
      if (!pc) {
        return;
      }
      if (m.s === 'OFFER') {
        await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp as string });
        await pc.setLocalDescription(await pc.createAnswer());
        conn.notify('answer', conn.signal('ANSWER', { sdp: pc.localDescription!.sdp, to: peer }));
        await flushIce();
        if (pc.connectionState !== 'connected') {
          status.textContent = 'Connecting the call…';
        }
      } else if (m.s === 'ANSWER') {
        await pc.setRemoteDescription({ type: 'answer', sdp: m.sdp as string });
        await flushIce();
      } else if (m.s === 'ICE') {
        const text = m.sdp as string;
        const c: RTCIceCandidateInit = text.trim().startsWith('{') ? JSON.parse(text) : { candidate: text, sdpMid: '0' };
        if (pc.remoteDescription) {
          await pc.addIceCandidate(c);
        } else {
          pendingIce.push(c);
        }
      } else if (m.s === 'LEAVE') {
        finish('The other person hung up.');
      }
    };
    try {
      await conn.start();
    } catch (e) {
      const refused = conn.watchdog.state === 'failed';
      dispose();
      // The callee may press Accept before the caller's page has JOINed: the room is not there yet (4001).
      if (!caller && refused && attempt < 5 && !ended) {
        await new Promise((r) => setTimeout(r, 1500));
        return start(attempt + 1);
      }
      finish(e instanceof SignalError ? describe(e) : 'The call could not be connected.');
    }
  };
  void start(0);

  hangUp.addEventListener('click', () => {
    finish('You hung up.');
    navigate('/feed');
  });
  return () => {
    events.unsubscribe();
    finish('Call ended.');
  };
}
