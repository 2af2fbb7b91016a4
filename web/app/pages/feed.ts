import { api, type Room } from '../api';
import { session } from '../session';
import { act, errorBox, h, show } from '../ui';

const typeNames: Record<string, string> = { M2M: 'Video room', A2M: 'Audio room', P2M: 'Live broadcast', P2P: 'Call' };

/** The live feed: rooms of people you follow first, then the others (the server orders them). */
export async function feedPage(): Promise<() => void> {
  const error = errorBox();
  const list = h('ul', { class: 'rooms', 'aria-label': 'Live rooms' });
  const refresh = h('button', { type: 'button', class: 'secondary' }, 'Refresh');
  show(
    h('h1', {}, 'Live now'),
    h('div', { class: 'row' },
      h('a', { href: '/rooms/new?type=M2M', 'data-link': true, class: 'button' }, 'Start a video room'),
      h('a', { href: '/rooms/new?type=P2M', 'data-link': true, class: 'button' }, 'Go live'),
      refresh),
    error,
    list,
  );
  const load = () =>
    act(refresh, error, async () => {
      const rooms = await api.liveRooms();
      const me = session.me!.id;
      list.replaceChildren(...(rooms.length ? rooms.map((room) => roomItem(room, me)) : [h('li', { class: 'empty' }, 'Nobody is live right now. Start a room, or follow people to see theirs first.')]));
    });
  refresh.addEventListener('click', () => void load());
  await load();
  const timer = window.setInterval(() => void load(), 10_000);
  return () => window.clearInterval(timer);
}

function roomItem(room: Room, me: string): HTMLLIElement {
  const owner = room.owner;
  return h('li', { class: 'room-card', 'data-room-id': room.id },
    h('a', { href: `/rooms/${room.id}`, 'data-link': true, class: 'room-link' },
      h('strong', {}, room.title),
      h('span', { class: 'muted' }, ` ${typeNames[room.type] ?? room.type}`)),
    h('p', { class: 'muted' },
      owner ? h('a', { href: `/u/${owner.id}`, 'data-link': true }, owner.id === me ? 'you' : `@${owner.username}`) : 'someone',
      room.live ? ` · live · ${room.publishers.length} on stage · ${room.viewerCount} watching` : ' · starting'),
  );
}
