import { api, type User } from '../api';
import { navigate } from '../main';
import { session } from '../session';
import { act, errorBox, field, h, show } from '../ui';

/** A user's page: name, counts, follow / unfollow, call; your own page lets you change your name. */
export async function profilePage(id: string): Promise<void> {
  const error = errorBox();
  show(h('h1', {}, 'Profile'), error);
  let user: User | null;
  try {
    user = await api.user(id);
  } catch (e) {
    error.textContent = (e as Error).message;
    error.hidden = false;
    return;
  }
  if (!user) {
    show(h('h1', {}, 'No such user'), h('p', {}, 'This user does not exist. ', h('a', { href: '/people', 'data-link': true }, 'Find people')));
    return;
  }
  const mine = user.id === session.me!.id;
  const counts = h('p', { class: 'counts' });
  const setCounts = (u: User) => {
    counts.replaceChildren(h('span', { 'data-testid': 'followers' }, `${u.followersCount ?? 0} followers`), ' · ', h('span', {}, `${u.followingCount ?? 0} following`));
  };
  setCounts(user);
  const actions = h('div', { class: 'row' });
  if (mine) {
    const name = h('input', { name: 'fullname', value: user.fullname, maxlength: 100, required: true });
    const save = h('button', { type: 'submit' }, 'Save name');
    const form = h('form', { class: 'row' }, field('Your name', name), save);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act(save, error, async () => {
        const updated = await api.updateProfile(name.value.trim());
        session.updateMe({ id: updated.id, username: updated.username, fullname: updated.fullname });
        title.textContent = updated.fullname;
      });
    });
    actions.append(form);
  } else {
    const follow = h('button', { type: 'button', 'aria-pressed': String(!!user.isFollowing) }, user.isFollowing ? 'Unfollow' : 'Follow');
    follow.addEventListener('click', () =>
      void act(follow, error, async () => {
        if (follow.getAttribute('aria-pressed') === 'true') {
          await api.unfollow(user!.id);
        } else {
          await api.follow(user!.id);
        }
        const fresh = (await api.user(user!.id))!;
        follow.textContent = fresh.isFollowing ? 'Unfollow' : 'Follow';
        follow.setAttribute('aria-pressed', String(!!fresh.isFollowing));
        setCounts(fresh);
      }),
    );
    const call = h('button', { type: 'button', class: 'secondary' }, 'Call');
    call.addEventListener('click', () =>
      void act(call, error, async () => {
        const room = await api.callUser(user!.id);
        navigate(`/call/${room.id}?as=caller`);
      }),
    );
    actions.append(follow, call);
  }
  const title = h('h1', {}, user.fullname);
  show(
    h('section', { class: 'card profile', 'aria-labelledby': 'profile-name' },
      h('div', { class: 'avatar', 'aria-hidden': 'true' }, (user.fullname || user.username).slice(0, 1).toUpperCase()),
      Object.assign(title, { id: 'profile-name' }),
      h('p', { class: 'muted' }, `@${user.username}`),
      counts,
      actions,
      error),
  );
}

/** Find people by username prefix. */
export function peoplePage(initial: string): void {
  const error = errorBox();
  const query = h('input', { name: 'q', type: 'search', value: initial, autocomplete: 'off', autocapitalize: 'none', maxlength: 30, required: true });
  const go = h('button', { type: 'submit' }, 'Search');
  const results = h('ul', { class: 'people', 'aria-label': 'People found', 'aria-live': 'polite' });
  const form = h('form', { class: 'row', role: 'search' }, field('Username starts with', query), go);
  const search = () =>
    act(go, error, async () => {
      const users = await api.searchUsers(query.value.trim());
      results.replaceChildren(
        ...(users.length
          ? users.map((u) => h('li', {}, h('a', { href: `/u/${u.id}`, 'data-link': true }, u.fullname), ` @${u.username}`, u.isFollowing ? h('span', { class: 'muted' }, ' · following') : ''))
          : [h('li', { class: 'empty' }, 'Nobody has a username starting with that.')]),
      );
      history.replaceState(null, '', `/people?q=${encodeURIComponent(query.value.trim())}`);
    });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void search();
  });
  show(h('h1', {}, 'People'), form, error, results);
  query.focus();
  if (initial) {
    void search();
  }
}
