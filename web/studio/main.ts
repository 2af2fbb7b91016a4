import '../app/styles.css';
import './studio.css';
import { session } from '../app/session';
import { h, report, show, errorBox } from '../app/ui';
import { studioPage } from './studioPage';
import { studioApi } from './studioApi';

/**
 * Tributary Studio at /studio (a second Vite entry, served by the server from dist/studio/index.html):
 * `/studio` lists your live rooms, `/studio?room=<id>` opens (or creates) that room's studio,
 * `/studio/<studioId>` is the studio itself. Signing in happens in the main app (same origin, same session).
 */

/** The studio last opened for a room in this browser, so reopening a room does not make a second studio. */
const rememberedKey = (roomId: string) => `tributary.studio.${roomId}`;

let cleanup: (() => void) | null = null;

export function go(path: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', path);
  } else {
    history.pushState(null, '', path);
  }
  void render();
}

function header(): void {
  const me = session.me;
  document.getElementById('top')!.replaceChildren(
    h('nav', { 'aria-label': 'Main' },
      h('a', { href: '/studio', class: 'brand', 'data-studio-link': true }, 'Tributary Studio'),
      h('a', { href: '/feed' }, 'Back to the app'),
      me ? h('span', { class: 'muted' }, `@${me.username}`) : h('a', { href: '/signin?next=/studio' }, 'Sign in')),
  );
}

async function render(): Promise<void> {
  cleanup?.();
  cleanup = null;
  header();
  if (!session.me) {
    show(h('h1', {}, 'Tributary Studio'), h('p', {}, 'Sign in to produce your rooms: ', h('a', { href: `/signin?next=${encodeURIComponent(location.pathname + location.search)}` }, 'sign in')));
    return;
  }
  const match = /^\/studio\/([^/]+)$/.exec(location.pathname);
  if (match) {
    cleanup = await studioPage(decodeURIComponent(match[1]));
    return;
  }
  const roomId = new URLSearchParams(location.search).get('room');
  if (roomId) {
    await openRoom(roomId);
    return;
  }
  await roomsList();
}

/** Reuses this browser's studio of the room when it still exists, else creates one; then opens it. */
async function openRoom(roomId: string): Promise<void> {
  const error = errorBox();
  show(h('h1', {}, 'Opening the studio…'), error);
  try {
    const remembered = localStorage.getItem(rememberedKey(roomId));
    const existing = remembered ? await studioApi.studio(remembered).catch(() => null) : null;
    const studio = existing ?? (await studioApi.create(roomId));
    localStorage.setItem(rememberedKey(roomId), studio.id);
    go(`/studio/${encodeURIComponent(studio.id)}`, true);
  } catch (e) {
    show(h('h1', {}, 'The studio cannot open'), error, h('p', {}, h('a', { href: '/studio', 'data-studio-link': true }, 'Back to your rooms')));
    report(error, e);
  }
}

async function roomsList(): Promise<void> {
  const error = errorBox();
  const list = h('ul', { class: 'rooms', 'aria-label': 'Your live rooms' });
  show(
    h('h1', {}, 'Tributary Studio'),
    h('p', {}, 'Compose one of your live rooms into a program and stream it to YouTube, Twitch, Facebook or any RTMP server.'),
    error,
    h('h2', {}, 'Your live rooms'),
    list,
  );
  try {
    const rooms = await studioApi.myLiveRooms(session.me!.id);
    if (rooms.length === 0) {
      list.append(h('li', { class: 'empty' }, 'You have no live room. ', h('a', { href: '/rooms/new?type=M2M' }, 'Start a video room'), ', join it, then come back.'));
    }
    for (const room of rooms) {
      list.append(
        h('li', { class: 'room-card card' },
          h('h3', {}, room.title),
          h('p', { class: 'muted' }, `${room.type === 'A2M' ? 'Audio room' : room.type === 'P2M' ? 'Broadcast' : 'Video room'} · ${room.streams?.length ?? 0} on camera`),
          h('button', { type: 'button', onclick: () => go(`/studio?room=${encodeURIComponent(room.id)}`) }, `Open the studio for ${room.title}`)),
      );
    }
  } catch (e) {
    report(error, e);
  }
}

document.addEventListener('click', (event) => {
  const anchor = (event.target as Element).closest?.('a[data-studio-link]') as HTMLAnchorElement | null;
  if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey && anchor.origin === location.origin) {
    event.preventDefault();
    go(anchor.pathname + anchor.search);
  }
});
window.addEventListener('popstate', () => void render());
void render();
