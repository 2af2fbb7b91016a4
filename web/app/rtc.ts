import { RoomConnection, type Channel, type SignalMessage } from '../sdk/src';
import { session } from './session';

/** ICE servers from a JOIN ack's `es.icfg.is` (STUN URLs as strings, TURN as objects). */
export function iceServersOf(ack: SignalMessage): RTCIceServer[] {
  const es = (ack.b?.es ?? {}) as { icfg?: { is?: (string | RTCIceServer)[] } };
  return (es.icfg?.is ?? []).map((s) => (typeof s === 'string' ? { urls: s } : s));
}

/** Hooks the browser tests read (decoded frames, live tiles, playback position): `window.tributary`. */
export const testHooks: Record<string, unknown> = ((window as unknown as { tributary?: Record<string, unknown> }).tributary ??= {});

/** A per-tab session id: two tabs of one user are two sessions. */
export const sessionId = crypto.randomUUID();

/** A RoomConnection for the signed-in user, with the browser's online/offline events driving its watchdog. */
export function connectRoom(roomId: string, channel: Channel, create: boolean, media: () => { ve: boolean; ae: boolean }): { conn: RoomConnection; dispose: () => void } {
  const me = session.me!;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/signal`;
  const conn = new RoomConnection(
    { url, token: () => session.token, session: { userId: me.id, sessionId, category: 'stream', host: 'Web', deviceId: `web-${sessionId}` }, media },
    roomId,
    channel,
    create,
  );
  const offline = () => conn.watchdog.dispatch({ type: 'networkLost' });
  const online = () => conn.watchdog.dispatch({ type: 'networkBack' });
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return {
    conn,
    dispose: () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      conn.stop();
    },
  };
}

/** Words for the watchdog's states, shown on room and call pages. */
export const stateWords: Record<string, string> = {
  idle: 'Not connected',
  initializing: 'Connecting…',
  joined: 'Connected',
  reinitializing: 'Reconnecting…',
  waitingNetwork: 'Offline: waiting for the network',
  failed: 'Could not connect',
};

/** Decoded video frames over a connection's inbound video (for tests and the stats line). */
export async function framesDecoded(pcs: Iterable<RTCPeerConnection>): Promise<number> {
  let frames = 0;
  for (const pc of pcs) {
    (await pc.getStats()).forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') {
        frames += r.framesDecoded ?? 0;
      }
    });
  }
  return frames;
}

/** The m2m room that carries a browser broadcaster's WebRTC uplink (with hlsForwarding) for p2m room `rid`. */
export function webrtcBroadcastRoom(rid: string): string {
  return `${rid}-webrtc`;
}

/**
 * The playlist of a p2m room from a JOIN ack: `es.hls.url` when the server knows the broadcast (a phone's uploads),
 * else the forwarded playlist of the browser broadcaster's companion room (`/live/{sessionId}/{rid}-webrtc/`), once
 * it answers 200. Null while there is none yet.
 */
export async function broadcastPlaylist(ack: SignalMessage, rid: string): Promise<string | null> {
  const es = (ack.b?.es ?? {}) as { hls?: { url?: string } };
  if (es.hls?.url) {
    return es.hls.url;
  }
  const publishers = (ack.b?.pps ?? []) as { id: string; userId: string }[];
  for (const p of publishers) {
    const url = `/live/${encodeURIComponent(p.id)}/${encodeURIComponent(webrtcBroadcastRoom(rid))}/playlist.m3u8`;
    try {
      const response = await fetch(url, { method: 'GET', cache: 'no-store' });
      if (response.ok) {
        return url;
      }
    } catch {
      // Not there yet.
    }
  }
  return null;
}
