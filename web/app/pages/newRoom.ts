import { api, type RoomType } from '../api';
import { navigate } from '../main';
import { act, errorBox, field, h, show } from '../ui';

/** Create a room: type, title, who may join. The creator lands in it and JOINs with roomCreating. */
export function newRoomPage(type: string): void {
  const error = errorBox();
  const kind = h('select', { name: 'type' },
    h('option', { value: 'M2M' }, 'Video room (everyone on stage can publish)'),
    h('option', { value: 'A2M' }, 'Audio room'),
    h('option', { value: 'P2M' }, 'Live broadcast (you publish, others watch)'));
  kind.value = ['M2M', 'A2M', 'P2M'].includes(type) ? type : 'M2M';
  const title = h('input', { name: 'title', required: true, maxlength: 120, value: '' });
  const access = h('select', { name: 'access' },
    h('option', { value: 'PUBLIC' }, 'Everyone'),
    h('option', { value: 'FOLLOWERS' }, 'My followers'));
  const submit = h('button', { type: 'submit' }, 'Create and join');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'new-room-title' },
    h('h1', { id: 'new-room-title' }, 'Start a room'),
    field('Kind', kind), field('Title', title), field('Who can join', access), error, submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(submit, error, async () => {
      const room = await api.createRoom(kind.value as RoomType, title.value.trim(), access.value);
      navigate(`/rooms/${room.id}`);
    });
  });
  show(form);
  title.focus();
}
