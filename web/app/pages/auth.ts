import { navigate } from '../main';
import { session } from '../session';
import { act, errorBox, field, h, show } from '../ui';

/** Sign in (email or username + password) and sign up (email, username, name, password). */
export function authPage(mode: 'signin' | 'signup'): void {
  const next = new URLSearchParams(location.search).get('next') ?? '/feed';
  const error = errorBox();
  const input = (name: string, type: string, autocomplete: string, extra: Record<string, string | number | boolean> = {}) =>
    h('input', { name, type, autocomplete, required: true, ...extra });

  if (mode === 'signin') {
    const login = input('login', 'text', 'username', { autocapitalize: 'none' });
    const password = input('password', 'password', 'current-password');
    const submit = h('button', { type: 'submit' }, 'Sign in');
    const form = h('form', { class: 'card narrow', 'aria-labelledby': 'auth-title' },
      h('h1', { id: 'auth-title' }, 'Sign in'),
      field('Email or username', login),
      field('Password', password),
      error,
      submit,
      h('p', {}, 'New here? ', h('a', { href: '/signup', 'data-link': true }, 'Create an account')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void act(submit, error, async () => {
        await session.signIn(login.value.trim(), password.value);
        navigate(next);
      });
    });
    show(form);
    login.focus();
    return;
  }

  const email = input('email', 'email', 'email');
  const username = input('username', 'text', 'username', { autocapitalize: 'none', minlength: 3, maxlength: 30, pattern: '[A-Za-z0-9][A-Za-z0-9_.]*' });
  const fullname = input('fullname', 'text', 'name', { maxlength: 100 });
  const password = input('password', 'password', 'new-password', { minlength: 8 });
  const submit = h('button', { type: 'submit' }, 'Create account');
  const form = h('form', { class: 'card narrow', 'aria-labelledby': 'auth-title' },
    h('h1', { id: 'auth-title' }, 'Create your account'),
    field('Email', email),
    field('Username (3–30 letters, digits, _ or .)', username),
    field('Name', fullname),
    field('Password (at least 8 characters)', password),
    error,
    submit,
    h('p', {}, 'Have an account? ', h('a', { href: '/signin', 'data-link': true }, 'Sign in')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(submit, error, async () => {
      await session.signUp(email.value.trim(), password.value, username.value.trim(), fullname.value.trim() || username.value.trim());
      navigate(next);
    });
  });
  show(form);
  email.focus();
}
