import { session } from '../app/session';

/** The Studio area of the GraphQL schema (src/Tributary.Studio/Api, docs/studio.md) as the studio page uses it. */

export type Layout = 'SOLO' | 'SIDE_BY_SIDE' | 'GRID' | 'SPEAKER';
export type DestinationKind = 'YOUTUBE' | 'TWITCH' | 'FACEBOOK' | 'CUSTOM';
export type DestinationState = 'OFFLINE' | 'CONNECTING' | 'LIVE' | 'RECONNECTING' | 'FAILED';

export interface Destination {
  id: string;
  kind: DestinationKind;
  url: string;
  state: DestinationState;
  bitrateKbps: number;
  droppedFrames: number;
  uptimeSeconds: number | null;
  attempts: number;
}

export interface Studio {
  id: string;
  roomId: string;
  layout: Layout;
  stage: string[];
  title: string | null;
  logoUrl: string | null;
  live: boolean;
  liveSince: string | null;
  ingestUrl: string | null;
  hlsUrl: string | null;
  destinations: Destination[];
}

/** A publishing session of the studio's room (Room.streams). */
export interface Stream {
  sessionId: string;
  user: { id: string; username: string; fullname: string } | null;
  host: string | null;
  category: string | null;
  video: boolean;
  audio: boolean;
  publishing: boolean;
}

export interface StudioRoom {
  id: string;
  type: string;
  title: string;
  endedAt: string | null;
  live: boolean;
  owner: { id: string } | null;
  streams: Stream[] | null;
}

export interface StudioEvent {
  kind: string;
  destinationId: string | null;
  state: DestinationState | null;
}

/** The stage entry of the external encoder (SRT/RTMP ingest). */
export const ingestSource = 'ingest';

export const layouts: [Layout, string][] = [
  ['SOLO', 'Solo'],
  ['SIDE_BY_SIDE', 'Side by side'],
  ['GRID', 'Grid'],
  ['SPEAKER', 'Speaker'],
];

export const destinationKinds: [DestinationKind, string, string][] = [
  ['YOUTUBE', 'YouTube', 'rtmp://a.rtmp.youtube.com/live2'],
  ['TWITCH', 'Twitch', 'rtmp://live.twitch.tv/app'],
  ['FACEBOOK', 'Facebook', 'rtmps://live-api-s.facebook.com:443/rtmp'],
  ['CUSTOM', 'Custom RTMP', ''],
];

const destinationFields = 'id kind url state bitrateKbps droppedFrames uptimeSeconds attempts';
const studioFields = `id roomId layout stage title logoUrl live liveSince ingestUrl hlsUrl destinations { ${destinationFields} }`;
const streamFields = 'sessionId user { id username fullname } host category video audio publishing';

export const studioApi = {
  studio: (id: string) => session.request<{ studio: Studio | null }>(`query($id: ID!) { studio(id: $id) { ${studioFields} } }`, { id }).then((d) => d.studio),
  room: (id: string) =>
    session
      .request<{ room: StudioRoom | null }>(`query($id: ID!) { room(id: $id) { id type title endedAt live owner { id } streams { ${streamFields} } } }`, { id })
      .then((d) => d.room),
  create: (roomId: string) => session.request<{ createStudio: Studio }>(`mutation($r: ID!) { createStudio(roomId: $r) { ${studioFields} } }`, { r: roomId }).then((d) => d.createStudio),
  setScene: (id: string, layout: Layout, stage: string[], title: string | null, logoUrl: string | null) =>
    session
      .request<{ setScene: Studio }>(
        `mutation($id: ID!, $l: StudioLayout!, $s: [String!]!, $t: String, $logo: String) { setScene(studioId: $id, layout: $l, stage: $s, title: $t, logoUrl: $logo) { ${studioFields} } }`,
        { id, l: layout, s: stage, t: title, logo: logoUrl },
      )
      .then((d) => d.setScene),
  addDestination: (id: string, kind: DestinationKind, url: string, streamKey: string) =>
    session
      .request<{ addDestination: Destination }>(
        `mutation($id: ID!, $k: DestinationKind!, $u: String!, $key: String) { addDestination(studioId: $id, kind: $k, url: $u, streamKey: $key) { ${destinationFields} } }`,
        { id, k: kind, u: url, key: streamKey },
      )
      .then((d) => d.addDestination),
  removeDestination: (id: string, destinationId: string) =>
    session.request<{ removeDestination: boolean }>(`mutation($id: ID!, $d: ID!) { removeDestination(studioId: $id, destinationId: $d) }`, { id, d: destinationId }),
  goLive: (id: string) => session.request<{ goLive: Studio }>(`mutation($id: ID!) { goLive(id: $id) { ${studioFields} } }`, { id }).then((d) => d.goLive),
  endLive: (id: string) => session.request<{ endLive: Studio }>(`mutation($id: ID!) { endLive(id: $id) { ${studioFields} } }`, { id }).then((d) => d.endLive),
  myLiveRooms: async (me: string) => {
    const d = await session.request<{ liveRooms: { items: StudioRoom[] } }>(`query { liveRooms(first: 50) { items { id type title endedAt live owner { id } streams { sessionId } } } }`);
    return d.liveRooms.items.filter((r) => r.owner?.id === me && r.type !== 'P2P');
  },
  events: (id: string, next: (event: StudioEvent) => void, error: (reason: unknown) => void) =>
    session.subscriptions.subscribe<{ studioEvents: StudioEvent }>(
      `subscription($id: ID!) { studioEvents(studioId: $id) { kind destinationId state } }`,
      { id },
      (d) => next(d.studioEvents),
      error,
    ),
};
