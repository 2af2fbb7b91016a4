/** Small DOM helpers: elements by description, error text in words, status line. */

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | ((event: Event) => void) | undefined | null>;

/** `h('button', { onclick, 'aria-label': 'Mute' }, 'Mute')`. Boolean attributes: true sets, false omits. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (typeof value === 'function') {
      element.addEventListener(name.replace(/^on/, ''), value);
    } else if (name === 'class') {
      element.className = String(value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  element.append(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return element;
}

/** A labelled input: `<label>Text <input></label>`. */
export function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLLabelElement {
  return h('label', { class: 'field' }, h('span', {}, label), input);
}

/** Replaces the page's main content and moves focus to its heading (screen readers announce the new page). */
export function show(...children: Child[]): HTMLElement {
  const main = document.getElementById('main')!;
  main.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
  return main;
}

/** A short message in the polite live region. */
export function toast(text: string): void {
  const el = document.getElementById('toast')!;
  el.textContent = text;
  el.classList.add('visible');
  window.clearTimeout((toast as unknown as { timer?: number }).timer);
  (toast as unknown as { timer?: number }).timer = window.setTimeout(() => el.classList.remove('visible'), 6000);
}

/** An error box (role=alert) that `report` fills. */
export function errorBox(): HTMLParagraphElement {
  return h('p', { class: 'error', role: 'alert', hidden: true });
}

/** Shows the error's words in the box. */
export function report(box: HTMLElement, error: unknown): void {
  box.textContent = describe(error);
  box.hidden = false;
}

/** The words for an error: the server's message, with what to do for the common codes. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object') {
    const e = error as { code?: unknown; message?: unknown; retryAfterSeconds?: unknown; name?: unknown };
    const message = typeof e.message === 'string' ? e.message : String(error);
    switch (e.code) {
      case 'UNAUTHENTICATED':
        return message.includes('password') || message.includes('login') ? message : `You are not signed in (${message}).`;
      case 'RATE_LIMITED':
        return `Too many attempts: ${message}${typeof e.retryAfterSeconds === 'number' ? ` Try again in ${e.retryAfterSeconds} s.` : ''}`;
      case 'INTERNAL':
        return 'The server failed; try again in a moment.';
      default:
        if (e.name === 'TypeError' && message.includes('fetch')) {
          return 'The server cannot be reached: check your connection.';
        }
        if (e.name === 'NotAllowedError') {
          return 'The browser did not allow the camera or microphone: allow them in the site settings and try again.';
        }
        if (e.name === 'NotFoundError') {
          return 'No camera or microphone was found.';
        }
        return message;
    }
  }
  return String(error);
}

/** Runs an action from a button: disables it meanwhile, errors go to `box`. */
export async function act(button: HTMLButtonElement | null, box: HTMLElement, action: () => Promise<unknown>): Promise<void> {
  if (button) {
    button.disabled = true;
  }
  box.hidden = true;
  try {
    await action();
  } catch (error) {
    report(box, error);
  } finally {
    if (button) {
      button.disabled = false;
    }
  }
}

export function timeAgo(iso: string): string {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (seconds < 60) {
    return 'just now';
  }
  if (seconds < 3600) {
    return `${Math.round(seconds / 60)} min ago`;
  }
  if (seconds < 86400) {
    return `${Math.round(seconds / 3600)} h ago`;
  }
  return new Date(iso).toLocaleDateString();
}
