import { session } from './session';

/** The GraphQL operations the pages use (schema: src/Tributary.Api/schema.graphql). */

export interface User {
  id: string;
  username: string;
  fullname: string;
  avatarUrl?: string | null;
  followersCount?: number;
  followingCount?: number;
  isFollowing?: boolean | null;
}

export type RoomType = 'M2M' | 'A2M' | 'P2M' | 'P2P';

export interface Room {
  id: string;
  type: RoomType;
  title: string;
  access: string;
  owner: User | null;
  createdAt: string;
  endedAt: string | null;
  live: boolean;
  viewerCount: number;
  publishers: User[];
  hlsUrl: string | null;
  reactions: { emoji: string; count: number }[];
}

export interface Message {
  id: string;
  text: string;
  deleted: boolean;
  createdAt: string;
  author: User | null;
}

export interface Notification {
  id: string;
  kind: 'NEW_FOLLOWER' | 'FOLLOWED_USER_LIVE' | 'INCOMING_CALL' | 'MISSED_CALL';
  actor: User | null;
  room: { id: string; type: RoomType; title: string } | null;
  createdAt: string;
  read: boolean;
}

const userFields = 'id username fullname avatarUrl followersCount followingCount isFollowing';
const roomFields = 'id type title access owner { id username fullname } createdAt endedAt live viewerCount publishers { id username fullname } hlsUrl reactions { emoji count }';
const notificationFields = 'id kind actor { id username fullname } room { id type title } createdAt read';
export const messageFields = 'id text deleted createdAt author { id username fullname }';

export const reactionEmojis = ['❤️', '😂', '😮', '😢', '👏', '🔥', '🎉', '👍'];

export const api = {
  user: (id: string) => session.request<{ user: User | null }>(`query($id: ID!) { user(id: $id) { ${userFields} } }`, { id }).then((d) => d.user),
  searchUsers: (prefix: string) => session.request<{ searchUsers: User[] }>(`query($p: String!) { searchUsers(prefix: $p, first: 20) { ${userFields} } }`, { p: prefix }).then((d) => d.searchUsers),
  follow: (userId: string) => session.request<{ follow: User }>(`mutation($id: ID!) { follow(userId: $id) { ${userFields} } }`, { id: userId }).then((d) => d.follow),
  unfollow: (userId: string) => session.request<{ unfollow: boolean }>(`mutation($id: ID!) { unfollow(userId: $id) }`, { id: userId }),
  following: (userId: string) =>
    session.request<{ following: { items: User[] } }>(`query($id: ID!) { following(userId: $id, first: 50) { items { ${userFields} } } }`, { id: userId }).then((d) => d.following.items),
  followers: (userId: string) =>
    session.request<{ followers: { items: User[] } }>(`query($id: ID!) { followers(userId: $id, first: 50) { items { ${userFields} } } }`, { id: userId }).then((d) => d.followers.items),
  updateProfile: (fullname: string) =>
    session.request<{ updateProfile: User }>(`mutation($f: String) { updateProfile(fullname: $f) { ${userFields} } }`, { f: fullname }).then((d) => d.updateProfile),
  liveRooms: () => session.request<{ liveRooms: { items: Room[] } }>(`query { liveRooms(first: 50) { items { ${roomFields} } } }`).then((d) => d.liveRooms.items),
  room: (id: string) => session.request<{ room: Room | null }>(`query($id: ID!) { room(id: $id) { ${roomFields} } }`, { id }).then((d) => d.room),
  createRoom: (type: RoomType, title: string, access: string) =>
    session.request<{ createRoom: Room }>(`mutation($t: RoomType!, $title: String!, $a: RoomAccess) { createRoom(type: $t, title: $title, access: $a) { ${roomFields} } }`, { t: type, title, a: access }).then((d) => d.createRoom),
  endRoom: (id: string) => session.request<{ endRoom: Room }>(`mutation($id: ID!) { endRoom(id: $id) { id } }`, { id }),
  callUser: (userId: string) => session.request<{ callUser: Room }>(`mutation($id: ID!) { callUser(userId: $id) { ${roomFields} } }`, { id: userId }).then((d) => d.callUser),
  declineCall: (roomId: string) => session.request<{ declineCall: boolean }>(`mutation($id: ID!) { declineCall(roomId: $id) }`, { id: roomId }),
  messages: (roomId: string) =>
    session.request<{ messages: { items: Message[] } }>(`query($id: ID!) { messages(roomId: $id, first: 50) { items { ${messageFields} } } }`, { id: roomId }).then((d) => d.messages.items),
  sendMessage: (roomId: string, text: string) => session.request<{ sendMessage: Message }>(`mutation($id: ID!, $t: String!) { sendMessage(roomId: $id, text: $t) { ${messageFields} } }`, { id: roomId, t: text }),
  react: (roomId: string, emoji: string) =>
    session.request<{ react: { emoji: string; count: number }[] }>(`mutation($id: ID!, $e: String!) { react(roomId: $id, emoji: $e) { emoji count } }`, { id: roomId, e: emoji }).then((d) => d.react),
  notifications: () =>
    session.request<{ notifications: { items: Notification[] } }>(`query { notifications(first: 50) { items { ${notificationFields} } } }`).then((d) => d.notifications.items),
  unreadCount: () => session.request<{ unreadNotificationCount: number }>(`query { unreadNotificationCount }`).then((d) => d.unreadNotificationCount),
  markRead: () => session.request<{ markNotificationsRead: number }>(`mutation { markNotificationsRead }`),
  notificationFields,
};
