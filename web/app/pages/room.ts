import Hls from 'hls.js';
import { SignalError, type RoomConnection, type SignalMessage } from '../../sdk/src';
import { api, type Room } from '../api';
import { navigate } from '../main';
import { broadcastPlaylist, connectRoom, framesDecoded, iceServersOf, stateWords, testHooks, webrtcBroadcastRoom } from '../rtc';
import { session } from '../session';
import { act, describe, errorBox, h, report, show, toast } from '../ui';
import { chatPanel } from './chat';

interface Target {
  userId: string;
  sessionId: string;
}

interface Uplink {
  pc: RTCPeerConnection;
  stream: MediaStream;
  pending: string[];
  accepted: boolean;
}

interface Downlink {
  pc: RTCPeerConnection | null;
  to: Target;
  pending: string[];
  answered: boolean;
}

/**
 * A room. m2m / a2m: publish camera and microphone (m2m in three simulcast layers), watch every publisher, raise a
 * hand, owner accepts or rejects, kick, simulcast layer per tile, mute. p2m: the owner broadcasts over WebRTC with
 * `hlsForwarding`; everyone else watches the LL-HLS playlist with hls.js in low-latency mode. Chat and reactions.
 */
export async function roomPage(roomId: string): Promise<() => void> {
  const error = errorBox();
  show(h('h1', {}, 'Room'), h('p', { role: 'status' }, 'Loading the room…'), error);
  let room: Room | null;
  try {
    room = await api.room(roomId);
  } catch (e) {
    report(error, e);
    return () => undefined;
  }
  if (!room) {
    show(h('h1', {}, 'Room not found'), h('p', {}, 'This room does not exist or you may not see it. ', h('a', { href: '/feed', 'data-link': true }, 'Back to the live feed')));
    return () => undefined;
  }
  if (room.endedAt) {
    show(h('h1', {}, room.title), h('p', {}, 'This room has ended. ', h('a', { href: '/feed', 'data-link': true }, 'Back to the live feed')));
    return () => undefined;
  }
  if (room.type === 'P2P') {
    navigate(`/call/${room.id}`, true);
    return () => undefined;
  }

  const me = session.me!;
  const channel = room.type.toLowerCase() as 'm2m' | 'a2m' | 'p2m';
  const video = channel !== 'a2m';
  const owner = room.owner?.id === me.id;
  const create = owner && !room.live;
  const names = new Map<string, string>([[me.id, 'You']]);
  const nameOf = (userId: string) => names.get(userId) ?? userId.slice(0, 8);
  const uplinkState = { audio: true, video };
  let uplink: Uplink | null = null;
  const downlinks = new Map<string, Downlink>();
  let role = 'viewer';
  let iceServers: RTCIceServer[] = [];
  let left = false;
  let hls: Hls | null = null;

  // --- the page ---
  const connection = h('span', { class: 'state', 'data-testid': 'connection-state', 'data-state': 'idle' }, stateWords.idle);
  const roleText = h('span', { 'data-testid': 'role' });
  const status = h('p', { role: 'status', 'aria-live': 'polite', 'data-testid': 'room-status' });
  const hand = h('button', { type: 'button', hidden: true }, 'Raise hand');
  const mute = h('button', { type: 'button', hidden: true, 'aria-pressed': 'false' }, 'Mute microphone');
  const camera = h('button', { type: 'button', hidden: true, 'aria-pressed': 'false' }, 'Turn camera off');
  const leave = h('button', { type: 'button', class: 'secondary' }, 'Leave');
  const end = h('button', { type: 'button', class: 'danger', hidden: !owner }, 'End room');
  // The studio is its own page (a second entry): a full navigation, not an in-app link.
  const studioLink = h('a', { href: `/studio?room=${encodeURIComponent(room.id)}`, class: 'button secondary', target: '_blank', hidden: !owner || channel === 'p2m' }, 'Open the studio');
  const requests = h('ul', { class: 'requests', 'aria-label': 'Raised hands', 'aria-live': 'polite' });
  const tiles = h('div', { class: 'tiles', 'aria-label': 'Stage' });
  const player = h('video', { class: 'player', controls: true, playsinline: true, muted: true, 'aria-label': 'Live broadcast', hidden: true });
  player.muted = true;
  const chat = chatPanel(room.id, room.reactions, () => stop('The room has ended.'));
  show(
    h('div', { class: 'room-head' },
      h('h1', {}, room.title),
      h('p', { class: 'muted' }, `${{ m2m: 'Video room', a2m: 'Audio room', p2m: 'Live broadcast' }[channel]} by ${owner ? 'you' : '@' + (room.owner?.username ?? '?')} · `, connection, ' · ', roleText)),
    status,
    error,
    h('div', { class: 'row controls', role: 'toolbar', 'aria-label': 'Room controls' }, hand, mute, camera, leave, end, studioLink),
    requests,
    h('div', { class: 'room-body' }, h('div', { class: 'stage' }, player, tiles), chat.element),
  );

  // --- signaling ---
  const { conn, dispose } = connectRoom(room.id, channel, create, () => ({ ve: uplinkState.video, ae: uplinkState.audio }));
  conn.watchdog.onChange((state) => {
    connection.textContent = stateWords[state];
    connection.dataset.state = state;
  });
  // p2m from the browser: SIGNALING.md allows OFFER only in m2m/a2m/p2p rooms, so the broadcaster's WebRTC uplink
  // goes through a companion m2m room (`{rid}-webrtc`) with hlsForwarding; viewers find its playlist from the
  // publisher's session in the p2m room (broadcastPlaylist).
  let uplinkConn: RoomConnection = conn;
  let disposeUplinkConn: (() => void) | null = null;
  const request = (action: string, s: string, fields: Record<string, unknown> = {}) => requestOn(conn, action, s, fields);
  const requestOn = async (via: RoomConnection, action: string, s: string, fields: Record<string, unknown> = {}) => {
    try {
      return await via.request(action, via.signal(s, fields));
    } catch (e) {
      if (e instanceof SignalError) {
        throw new Error(`${s} refused (${e.code}): ${e.message}`);
      }
      throw e;
    }
  };

  const setRole = (value: string) => {
    role = value;
    const words: Record<string, string> = { admin: 'you host this room', publisher: 'you are on stage', viewer: 'you are watching' };
    roleText.textContent = words[role] ?? role;
    roleText.dataset.role = role;
    hand.hidden = role !== 'viewer' || channel === 'p2m';
    mute.hidden = role === 'viewer';
    camera.hidden = role === 'viewer' || !video;
  };

  // --- tiles ---
  const tile = (id: string, userId: string, stream: MediaStream | null, remote: Target | null) => {
    let figure = tiles.querySelector<HTMLElement>(`figure[data-session="${CSS.escape(id)}"]`);
    if (!figure) {
      const media = video ? h('video', { autoplay: true, playsinline: true }) : h('audio', { autoplay: true });
      if (!remote) {
        (media as HTMLMediaElement).muted = true;
      }
      const caption = h('figcaption', {}, h('span', { class: 'name' }));
      if (remote && channel === 'm2m') {
        const layer = h('select', { class: 'layer', 'aria-label': `Picture quality of ${nameOf(userId)}` },
          h('option', { value: 'auto' }, 'Auto quality'), h('option', { value: 'h' }, 'High'), h('option', { value: 'm' }, 'Medium'), h('option', { value: 'l' }, 'Low'));
        layer.addEventListener('change', () => void act(null, error, () => request('simulcastUpdate', 'SIMULCAST_UPDATE', { to: remote, sl: layer.value })));
        caption.append(layer);
      }
      if (remote && role !== 'viewer') {
        const kick = h('button', { type: 'button', class: 'danger small', 'aria-label': `Remove ${nameOf(userId)} from the room` }, 'Remove');
        kick.addEventListener('click', () => void act(kick, error, () => request('kick', 'KICK', { to: remote })));
        caption.append(kick);
      }
      figure = h('figure', { 'data-session': id, 'data-user': userId, class: remote ? 'remote' : 'self' }, media, caption);
      tiles.append(figure);
    }
    figure.querySelector('.name')!.textContent = remote ? nameOf(userId) : 'You';
    if (stream) {
      const media = figure.querySelector<HTMLMediaElement>('video, audio')!;
      media.srcObject = stream;
      if (video && !remote) {
        void media.play().catch(() => undefined);
      }
    }
  };
  const dropTile = (id: string) => tiles.querySelector(`figure[data-session="${CSS.escape(id)}"]`)?.remove();
  const renameTiles = () => tiles.querySelectorAll<HTMLElement>('figure.remote').forEach((f) => (f.querySelector('.name')!.textContent = nameOf(f.dataset.user!)));

  // --- uplink ---
  const openBroadcastUplink = async () => {
    for (const create of [true, false]) {
      const { conn: companion, dispose: disposeCompanion } = connectRoom(webrtcBroadcastRoom(roomId), 'm2m', create, () => ({ ve: true, ae: uplinkState.audio }));
      try {
        await companion.start();
        uplinkConn = companion;
        disposeUplinkConn = disposeCompanion;
        return;
      } catch {
        // 4022: the companion room is still there from an earlier page of this broadcast; join it instead.
        disposeCompanion();
      }
    }
    throw new Error('Could not open the WebRTC uplink of the broadcast.');
  };

  const publish = async (restarting = false) => {
    if (channel === 'p2m' && uplinkConn === conn) {
      await openBroadcastUplink();
    }
    const via = uplinkConn;
    if (!restarting) {
      const stream = await navigator.mediaDevices.getUserMedia({ video: video ? { width: 960, height: 540 } : false, audio: true });
      const pc = new RTCPeerConnection({ iceServers });
      const up: Uplink = { pc, stream, pending: [], accepted: false };
      uplink = up;
      pc.onicecandidate = (e) => {
        if (!e.candidate) {
          return;
        }
        const c = JSON.stringify(e.candidate.toJSON());
        if (up.accepted) {
          via.notify('iceCandidate', via.signal('ICE', { sdp: c }));
        } else {
          up.pending.push(c);
        }
      };
      for (const track of stream.getTracks()) {
        const init: RTCRtpTransceiverInit = { direction: 'sendonly', streams: [stream] };
        if (track.kind === 'video' && channel === 'm2m') {
          init.sendEncodings = [
            { rid: 'h', maxBitrate: 700_000 },
            { rid: 'm', maxBitrate: 250_000, scaleResolutionDownBy: 2 },
            { rid: 'l', maxBitrate: 100_000, scaleResolutionDownBy: 4 },
          ];
        }
        pc.addTransceiver(track, init);
      }
      tile('self', me.id, stream, null);
    }
    const up = uplink!;
    up.accepted = false;
    await up.pc.setLocalDescription(await up.pc.createOffer(restarting ? { iceRestart: true } : undefined));
    via.watchdog.dispatch({ type: 'offerSent' });
    const ack = await requestOn(via, 'offer', 'OFFER', { sdp: up.pc.localDescription!.sdp, op: { restarting, ...(channel === 'p2m' ? { hlsForwarding: true } : {}) } });
    via.watchdog.dispatch({ type: 'answerReceived' });
    await up.pc.setRemoteDescription({ type: 'answer', sdp: ack.b!.sdp as string });
    up.accepted = true;
    for (const c of up.pending.splice(0)) {
      via.notify('iceCandidate', via.signal('ICE', { sdp: c }));
    }
    if (channel === 'p2m') {
      status.textContent = 'You are live. Followers see your broadcast in their feed.';
    }
  };

  // --- downlinks ---
  const closeDownlink = (sessionId: string) => {
    downlinks.get(sessionId)?.pc?.close();
    downlinks.delete(sessionId);
    dropTile(sessionId);
  };
  const acceptDownlink = async (to: Target, sdp: string) => {
    downlinks.get(to.sessionId)?.pc?.close();
    const pc = new RTCPeerConnection({ iceServers });
    const d: Downlink = { pc, to, pending: [], answered: false };
    downlinks.set(to.sessionId, d);
    pc.onicecandidate = (e) => {
      if (!e.candidate) {
        return;
      }
      const c = JSON.stringify(e.candidate.toJSON());
      if (d.answered) {
        conn.notify('iceCandidate', conn.signal('ICE', { sdp: c, to }));
      } else {
        d.pending.push(c);
      }
    };
    pc.ontrack = (e) => tile(to.sessionId, to.userId, e.streams[0] ?? new MediaStream([e.track]), to);
    tile(to.sessionId, to.userId, null, to);
    await pc.setRemoteDescription({ type: 'offer', sdp });
    await pc.setLocalDescription(await pc.createAnswer());
    await request('answer', 'ANSWER', { sdp: pc.localDescription!.sdp, to });
    d.answered = true;
    for (const c of d.pending.splice(0)) {
      conn.notify('iceCandidate', conn.signal('ICE', { sdp: c, to }));
    }
  };
  const watch = async (to: Target, attempt = 0): Promise<void> => {
    downlinks.set(to.sessionId, { pc: null, to, pending: [], answered: false });
    try {
      const ack = await conn.request('watch', conn.signal('WATCH', { to }));
      const offer = ((ack.b?.pps ?? []) as { sdp: string }[])[0];
      await acceptDownlink(to, offer.sdp);
    } catch (e) {
      downlinks.delete(to.sessionId);
      // 500 on WATCH is retried (SIGNALING.md), e.g. the media server not ready for a publisher that just offered.
      if (e instanceof SignalError && e.code === 500 && attempt < 5 && !left) {
        await new Promise((r) => setTimeout(r, 2000));
        if (!downlinks.has(to.sessionId) && !left) {
          return watch(to, attempt + 1);
        }
        return;
      }
      // 4024: a promoted publisher that has not offered yet; watched at the next PUBLISH_LIST_CHANGED.
      if (!(e instanceof SignalError && e.code === 4024)) {
        report(error, e);
      }
    }
  };

  const syncPublishers = (pps: { id: string; sessionId: string; username?: string; fullname?: string }[]) => {
    const present = new Set<string>();
    for (const p of pps) {
      if (p.id !== me.id && (p.fullname || p.username)) {
        names.set(p.id, p.fullname || p.username!);
      }
      present.add(p.sessionId);
      if (channel === 'p2m' || p.sessionId === conn.session.sessionId || downlinks.has(p.sessionId)) {
        continue;
      }
      void watch({ userId: p.id, sessionId: p.sessionId });
    }
    for (const id of [...downlinks.keys()]) {
      if (!present.has(id)) {
        closeDownlink(id);
      }
    }
    renameTiles();
  };

  // --- p2m viewing ---
  const play = (url: string) => {
    if (hls || left) {
      return;
    }
    player.hidden = false;
    status.textContent = 'Watching live.';
    if (Hls.isSupported()) {
      hls = new Hls({ lowLatencyMode: true, liveSyncDurationCount: 2 });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) {
          status.textContent = `Playback stopped: ${data.details}. Retrying…`;
          if (data.type === Hls.ErrorTypes.NETWORK_ERROR) {
            hls?.startLoad();
          } else {
            hls?.recoverMediaError();
          }
        }
      });
      hls.loadSource(url);
      hls.attachMedia(player);
    } else {
      player.src = url;
    }
    void player.play().catch(() => undefined);
  };
  let hlsPoll = 0;
  const waitForBroadcast = () => {
    // es.hls.url appears in a JOIN ack once the broadcast exists: ask again (JOIN is idempotent) until it does.
    status.textContent = 'Waiting for the broadcast to start…';
    hlsPoll = window.setInterval(async () => {
      if (conn.state !== 'joined' || hls) {
        return;
      }
      try {
        const ack = await conn.request('join', conn.signal('JOIN', { ve: false, ae: false, eg: 'native' }));
        const url = await broadcastPlaylist(ack, roomId);
        if (url) {
          window.clearInterval(hlsPoll);
          play(url);
        }
      } catch {
        // The watchdog handles the connection; try again at the next tick.
      }
    }, 2000);
  };

  // --- signals ---
  conn.onJoined = (ack, rejoin) => {
    iceServers = iceServersOf(ack);
    setRole(String(ack.b?.pt ?? 'viewer'));
    const es = (ack.b?.es ?? {}) as { sdps?: { id: string; sdp: string }[]; hls?: { url?: string } };
    const pps = (ack.b?.pps ?? []) as { id: string; userId: string }[];
    for (const offer of es.sdps ?? []) {
      const p = pps.find((x) => x.id === offer.id);
      if (p && offer.id !== conn.session.sessionId) {
        void acceptDownlink({ userId: p.userId, sessionId: offer.id }, offer.sdp).catch((e) => report(error, e));
      }
    }
    for (const p of pps) {
      if (!names.has(p.userId)) {
        void api.user(p.userId).then((u) => u && (names.set(u.id, u.fullname || u.username), renameTiles())).catch(() => undefined);
      }
    }
    if (rejoin) {
      if (role !== 'viewer' && (!uplink || ['failed', 'closed'].includes(uplink.pc.connectionState))) {
        void publish(!!uplink).catch((e) => report(error, e));
      }
      return;
    }
    if (channel === 'p2m') {
      if (role === 'viewer') {
        void broadcastPlaylist(ack, roomId).then((url) => (url ? play(url) : waitForBroadcast()));
      } else {
        void publish().catch((e) => report(error, e));
      }
    } else if (role !== 'viewer') {
      void publish().catch((e) => report(error, e));
    } else {
      status.textContent = 'You are watching. Raise your hand to join the stage.';
    }
  };

  conn.onSignal = (m: SignalMessage) => {
    if (m.s === 'PUBLISH_LIST_CHANGED' && m.b) {
      syncPublishers(m.b.pps as { id: string; sessionId: string }[]);
    } else if (m.s === 'RESTART' && m.b) {
      const id = m.b.id as string;
      if (id === conn.session.sessionId && uplink) {
        void publish(true).catch((e) => report(error, e));
      } else if (downlinks.has(id)) {
        const to = downlinks.get(id)!.to;
        closeDownlink(id);
        void watch(to);
      }
    } else if (m.s === 'KICK') {
      stop('You were removed from the room.');
    } else if (m.c === undefined && m.s === 'PUBLISH_REQUEST') {
      const ss = m.ss as Target;
      const to = { userId: ss.userId, sessionId: ss.sessionId };
      const item = h('li', { 'data-user': ss.userId }, `${nameOf(ss.userId)} raised a hand `);
      const accept = h('button', { type: 'button', class: 'accept' }, 'Accept');
      const reject = h('button', { type: 'button', class: 'secondary' }, 'Reject');
      accept.addEventListener('click', () => void act(accept, error, async () => {
        await request('publishAccept', 'PUBLISH_ACCEPT', { to });
        item.remove();
      }));
      reject.addEventListener('click', () => void act(reject, error, async () => {
        await request('publishReject', 'PUBLISH_REJECT', { to });
        item.remove();
      }));
      item.append(accept, ' ', reject);
      requests.append(item);
      if (!names.has(ss.userId)) {
        void api.user(ss.userId).then((u) => {
          if (u) {
            names.set(u.id, u.fullname || u.username);
            item.firstChild!.textContent = `${names.get(u.id)} raised a hand `;
          }
        }).catch(() => undefined);
      }
      toast('Someone raised a hand.');
    } else if (m.c === undefined && m.s === 'PUBLISH_ACCEPT') {
      setRole('publisher');
      status.textContent = 'The host let you on stage.';
      void publish().catch((e) => report(error, e));
    } else if (m.c === undefined && m.s === 'PUBLISH_REJECT') {
      hand.disabled = false;
      status.textContent = 'The host declined your raised hand.';
    } else if (m.s === 'LEAVE' && typeof m.c === 'number' && m.c !== 200) {
      stop(`You left the room: ${String(m.b?.msg ?? m.c)}.`);
    }
  };

  // --- controls ---
  hand.addEventListener('click', () => void act(hand, error, async () => {
    await request('publishRequest', 'PUBLISH_REQUEST', { ve: video, ae: true });
    status.textContent = 'Hand raised: waiting for the host.';
    hand.disabled = true;
  }).then(() => {
    if (status.textContent?.startsWith('Hand raised')) {
      hand.disabled = true;
    }
  }));
  mute.addEventListener('click', () => void act(mute, error, async () => {
    uplinkState.audio = !uplinkState.audio;
    uplink?.stream.getAudioTracks().forEach((t) => (t.enabled = uplinkState.audio));
    await request('updateVideo', 'UPDATE', { ve: uplinkState.video, ae: uplinkState.audio });
    mute.textContent = uplinkState.audio ? 'Mute microphone' : 'Unmute microphone';
    mute.setAttribute('aria-pressed', String(!uplinkState.audio));
  }));
  camera.addEventListener('click', () => void act(camera, error, async () => {
    uplinkState.video = !uplinkState.video;
    uplink?.stream.getVideoTracks().forEach((t) => (t.enabled = uplinkState.video));
    await request('updateVideo', 'UPDATE', { ve: uplinkState.video, ae: uplinkState.audio });
    camera.textContent = uplinkState.video ? 'Turn camera off' : 'Turn camera on';
    camera.setAttribute('aria-pressed', String(!uplinkState.video));
  }));
  leave.addEventListener('click', () => {
    stop('You left the room.');
    navigate('/feed');
  });
  end.addEventListener('click', () => void act(end, error, async () => {
    await api.endRoom(roomId);
    stop('You ended the room.');
  }));

  function stop(words: string): void {
    if (left) {
      return;
    }
    left = true;
    window.clearInterval(hlsPoll);
    disposeUplinkConn?.();
    hls?.destroy();
    hls = null;
    dispose();
    chat.dispose();
    uplink?.pc.close();
    uplink?.stream.getTracks().forEach((t) => t.stop());
    uplink = null;
    for (const id of [...downlinks.keys()]) {
      closeDownlink(id);
    }
    dropTile('self');
    status.textContent = words;
    for (const b of [hand, mute, camera, end]) {
      b.hidden = true;
    }
    leave.textContent = 'Back to the feed';
  }

  testHooks.room = {
    state: () => conn.state,
    role: () => role,
    liveTiles: () => [...tiles.querySelectorAll<HTMLVideoElement>('figure.remote video')].filter((v) => v.videoWidth > 0).length,
    remoteTiles: () => tiles.querySelectorAll('figure.remote').length,
    frames: () => framesDecoded([...downlinks.values()].flatMap((d) => (d.pc ? [d.pc] : []))),
    currentTime: () => player.currentTime,
    conn: conn as RoomConnection,
  };

  conn.start().catch(() => {
    if (!left) {
      status.textContent = `Could not join the room: ${describe(new Error(conn.state === 'failed' ? 'the server refused or did not answer the JOIN' : 'connection lost'))}`;
    }
  });
  return () => stop('You left the room.');
}
