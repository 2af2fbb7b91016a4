import { api, type Notification } from '../api';
import { refreshUnread } from '../main';
import { session } from '../session';
import { errorBox, h, report, show, timeAgo, toast } from '../ui';

/** Words for a notification, with a link to what it is about. */
export function describeNotification(n: Notification): (Node | string)[] {
  const who = n.actor ? h('a', { href: `/u/${n.actor.id}`, 'data-link': true }, n.actor.fullname || `@${n.actor.username}`) : 'Someone';
  const room = n.room ? h('a', { href: `/rooms/${n.room.id}`, 'data-link': true }, n.room.title) : null;
  switch (n.kind) {
    case 'NEW_FOLLOWER':
      return [who, ' started following you.'];
    case 'FOLLOWED_USER_LIVE':
      return [who, ' is live: ', room ?? 'a room', '.'];
    case 'INCOMING_CALL':
      return [who, ' called you.'];
    case 'MISSED_CALL':
      return ['Missed call from ', who, '.'];
  }
}

export async function notificationsPage(): Promise<() => void> {
  const error = errorBox();
  const list = h('ol', { class: 'notifications', 'aria-label': 'Notifications' });
  show(h('h1', {}, 'Notifications'), error, list);
  const load = async () => {
    try {
      const items = await api.notifications();
      list.replaceChildren(
        ...(items.length
          ? items.map((n) => h('li', { class: n.read ? 'read' : 'unread', 'data-kind': n.kind }, ...describeNotification(n), h('span', { class: 'muted' }, ` ${timeAgo(n.createdAt)}`)))
          : [h('li', { class: 'empty' }, 'No notifications yet.')]),
      );
      if (items.some((n) => !n.read)) {
        await api.markRead();
        void refreshUnread();
      }
    } catch (e) {
      report(error, e);
    }
  };
  await load();
  const onNew = () => void load();
  window.addEventListener('tributary:notification', onNew);
  return () => window.removeEventListener('tributary:notification', onNew);
}

/** The `notifications` subscription for the whole app: a toast and the header count for each new one. */
export function watchNotifications(changed: () => void): () => void {
  const sub = session.subscriptions.subscribe<{ notifications: Notification }>(
    `subscription { notifications { ${api.notificationFields} } }`,
    undefined,
    (data) => {
      const n = data.notifications;
      if (!n) {
        return;
      }
      if (n.kind !== 'INCOMING_CALL') {
        toast(describeNotification(n).map((part) => (typeof part === 'string' ? part : part.textContent)).join(''));
      }
      window.dispatchEvent(new CustomEvent('tributary:notification', { detail: n }));
      changed();
    },
  );
  return () => sub.unsubscribe();
}
