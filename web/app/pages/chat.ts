import { api, messageFields, reactionEmojis, type Message } from '../api';
import { session } from '../session';
import { act, errorBox, h, timeAgo } from '../ui';

/** A room's chat and reactions: history, live messages (`messages` subscription), live reactions (`roomEvents`). */
export function chatPanel(roomId: string, initialReactions: { emoji: string; count: number }[], onEnded: () => void): { element: HTMLElement; dispose: () => void } {
  const error = errorBox();
  const list = h('ol', { class: 'messages', 'aria-label': 'Chat messages', 'aria-live': 'polite' });
  const text = h('input', { name: 'message', autocomplete: 'off', maxlength: 500, required: true, placeholder: 'Say something' });
  const send = h('button', { type: 'submit' }, 'Send');
  const form = h('form', { class: 'chat-form' }, h('label', { class: 'visually-hidden', for: 'chat-text' }, 'Message'), Object.assign(text, { id: 'chat-text' }), send);
  const totals = new Map(initialReactions.map((r) => [r.emoji, r.count]));
  const buttons = new Map<string, HTMLButtonElement>();
  const flash = h('p', { class: 'reaction-flash', 'aria-live': 'polite', 'data-testid': 'last-reaction' });
  const bar = h('div', { class: 'reactions', role: 'group', 'aria-label': 'Reactions' });
  const paint = (emoji: string) => {
    const count = totals.get(emoji) ?? 0;
    const b = buttons.get(emoji)!;
    b.textContent = count ? `${emoji} ${count}` : emoji;
    b.setAttribute('aria-label', `React ${emoji} (${count} so far)`);
    b.dataset.count = String(count);
  };
  for (const emoji of reactionEmojis) {
    const b = h('button', { type: 'button', class: 'reaction', 'data-emoji': emoji });
    buttons.set(emoji, b);
    bar.append(b);
    paint(emoji);
    b.addEventListener('click', () => void act(b, error, async () => {
      for (const r of await api.react(roomId, emoji)) {
        totals.set(r.emoji, Math.max(totals.get(r.emoji) ?? 0, r.count));
        paint(r.emoji);
      }
    }));
  }
  const seen = new Set<string>();
  const add = (m: Message) => {
    if (seen.has(m.id)) {
      return;
    }
    seen.add(m.id);
    const who = m.author ? (m.author.id === session.me?.id ? 'You' : m.author.fullname || m.author.username) : 'Someone';
    list.append(h('li', { 'data-message-id': m.id }, h('strong', {}, who), ': ', m.deleted ? h('em', {}, 'deleted') : m.text, h('span', { class: 'muted' }, ` ${timeAgo(m.createdAt)}`)));
    list.scrollTop = list.scrollHeight;
  };
  void api.messages(roomId).then((items) => items.reverse().forEach(add)).catch(() => undefined);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(send, error, async () => {
      const sent = await api.sendMessage(roomId, text.value);
      add(sent.sendMessage);
      text.value = '';
      text.focus();
    });
  });
  const messages = session.subscriptions.subscribe<{ messages: Message }>(`subscription($id: ID!) { messages(roomId: $id) { ${messageFields} } }`, { id: roomId }, (d) => d.messages && add(d.messages));
  const events = session.subscriptions.subscribe<{ roomEvents: { kind: string; emoji: string | null; actor: { id: string; username: string } | null } }>(
    'subscription($id: ID!) { roomEvents(roomId: $id) { kind emoji actor { id username } } }',
    { id: roomId },
    ({ roomEvents: e }) => {
      if (e?.kind === 'REACTION' && e.emoji && buttons.has(e.emoji)) {
        if (e.actor?.id !== session.me?.id) {
          totals.set(e.emoji, (totals.get(e.emoji) ?? 0) + 1);
          paint(e.emoji);
        }
        flash.textContent = `${e.actor?.id === session.me?.id ? 'You' : '@' + (e.actor?.username ?? 'someone')} reacted ${e.emoji}`;
      } else if (e?.kind === 'ROOM_ENDED') {
        onEnded();
      }
    },
  );
  const element = h('section', { class: 'chat card', 'aria-labelledby': 'chat-title' }, h('h2', { id: 'chat-title' }, 'Chat'), bar, flash, list, form, error);
  return {
    element,
    dispose: () => {
      messages.unsubscribe();
      events.unsubscribe();
    },
  };
}
