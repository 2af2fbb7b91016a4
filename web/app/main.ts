import './styles.css';
import { api } from './api';
import { session } from './session';
import { h, toast } from './ui';
import { authPage } from './pages/auth';
import { feedPage } from './pages/feed';
import { newRoomPage } from './pages/newRoom';
import { notificationsPage, watchNotifications } from './pages/notifications';
import { peoplePage, profilePage } from './pages/profile';
import { roomPage } from './pages/room';
import { callPage, watchIncomingCalls } from './pages/call';

/** A page renders into <main> and may return a cleanup (leave the room, stop subscriptions). */
export type Cleanup = (() => void) | void;
type Page = (params: Record<string, string>, query: URLSearchParams) => Cleanup | Promise<Cleanup>;

const routes: [RegExp, string[], Page, boolean][] = [
  [/^\/signin$/, [], () => authPage('signin'), false],
  [/^\/signup$/, [], () => authPage('signup'), false],
  [/^\/(feed)?$/, [], () => feedPage(), true],
  [/^\/people$/, [], (_, q) => peoplePage(q.get('q') ?? ''), true],
  [/^\/u\/([^/]+)$/, ['id'], (p) => profilePage(p.id), true],
  [/^\/rooms\/new$/, [], (_, q) => newRoomPage(q.get('type') ?? 'M2M'), true],
  [/^\/rooms\/([^/]+)$/, ['id'], (p) => roomPage(p.id), true],
  [/^\/call\/([^/]+)$/, ['id'], (p, q) => callPage(p.id, q.get('as') === 'caller'), true],
  [/^\/notifications$/, [], () => notificationsPage(), true],
];

let cleanup: Cleanup;
let rendering = 0;

/** Goes to an app path without reloading. */
export function navigate(path: string, replace = false): void {
  if (replace) {
    history.replaceState(null, '', path);
  } else {
    history.pushState(null, '', path);
  }
  void render();
}

async function render(): Promise<void> {
  const run = ++rendering;
  if (typeof cleanup === 'function') {
    cleanup();
  }
  cleanup = undefined;
  renderHeader();
  const path = location.pathname;
  for (const [pattern, names, page, needsSignIn] of routes) {
    const match = pattern.exec(path);
    if (!match) {
      continue;
    }
    if (needsSignIn && !session.me) {
      navigate(`/signin?next=${encodeURIComponent(path + location.search)}`, true);
      return;
    }
    const params: Record<string, string> = {};
    names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1])));
    try {
      const result = await page(params, new URLSearchParams(location.search));
      if (run === rendering) {
        cleanup = result;
      } else if (typeof result === 'function') {
        result();
      }
    } catch (error) {
      document.getElementById('main')!.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, String((error as Error).message ?? error)));
    }
    return;
  }
  document.getElementById('main')!.replaceChildren(h('h1', {}, 'Page not found'), h('p', {}, 'No page has this address. ', h('a', { href: '/feed', 'data-link': true }, 'Go to the live feed')));
}

const badge = h('span', { class: 'badge', id: 'unread', hidden: true });

function renderHeader(): void {
  const me = session.me;
  const top = document.getElementById('top')!;
  const link = (href: string, text: string, ...extra: (Node | string)[]) =>
    h('a', { href, 'data-link': true, 'aria-current': location.pathname === href ? 'page' : undefined }, text, ...extra);
  top.replaceChildren(
    h('nav', { 'aria-label': 'Main' },
      h('a', { href: '/feed', 'data-link': true, class: 'brand' }, 'Tributary'),
      ...(me
        ? [
            link('/feed', 'Live'),
            link('/rooms/new', 'Go live'),
            link('/people', 'People'),
            link('/notifications', 'Notifications', badge),
            link(`/u/${me.id}`, `@${me.username}`),
            h('button', { type: 'button', class: 'link', onclick: () => void session.signOut().then(() => navigate('/signin')) }, 'Sign out'),
          ]
        : [link('/signin', 'Sign in'), link('/signup', 'Sign up')]),
    ),
  );
}

/** The unread count in the header; the notifications page resets it. */
export async function refreshUnread(): Promise<void> {
  if (!session.me) {
    return;
  }
  try {
    const count = await api.unreadCount();
    badge.textContent = String(count);
    badge.hidden = count === 0;
    badge.setAttribute('aria-label', `${count} unread`);
  } catch {
    // The header is not the place to report this; the pages report their own errors.
  }
}

document.addEventListener('click', (event) => {
  const anchor = (event.target as Element).closest?.('a[data-link]') as HTMLAnchorElement | null;
  if (anchor && !event.ctrlKey && !event.metaKey && !event.shiftKey && anchor.origin === location.origin) {
    event.preventDefault();
    navigate(anchor.pathname + anchor.search);
  }
});
window.addEventListener('popstate', () => void render());

let watching: (() => void) | null = null;
function startRealtime(): void {
  watching?.();
  watching = null;
  if (session.me) {
    const stopCalls = watchIncomingCalls();
    const stopNotes = watchNotifications(() => void refreshUnread());
    watching = () => {
      stopCalls();
      stopNotes();
    };
    void refreshUnread();
  }
}

let signedInAs = session.me?.id;
session.onChange(() => {
  if (session.me?.id !== signedInAs) {
    signedInAs = session.me?.id;
    startRealtime();
    renderHeader();
  }
});

window.addEventListener('unhandledrejection', (event) => toast(`Error: ${(event.reason as Error)?.message ?? event.reason}`));
startRealtime();
void render();
