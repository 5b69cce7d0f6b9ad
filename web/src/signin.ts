// The sign-in form.

import { describeError } from './api';
import { h } from './dom';
import { signIn } from './session';
import type { Me } from './types';

export function renderSignIn(main: HTMLElement, demo: boolean, onSignedIn: (me: Me) => void): () => void {
  const name = h('input', { id: 'signin-name', name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'signin-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const message = h('div', { class: 'form-summary', role: 'alert' });
  const button = h('button', { type: 'submit' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin panel', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title' }, 'Sign in'),
    demo ? h('p', { class: 'muted' }, 'This server runs the demo: the overview can be read without signing in. Sign in to file reports.') : null,
    message,
    h('div', { class: 'field' }, h('label', { for: 'signin-name' }, 'Name'), name),
    h('div', { class: 'field' }, h('label', { for: 'signin-password' }, 'Password'), password),
    h('div', { class: 'actions' }, button),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!name.value || !password.value) {
      message.className = 'form-summary error';
      message.textContent = 'Give your name and your password.';
      (name.value ? password : name).focus();
      return;
    }
    button.disabled = true;
    message.textContent = '';
    try {
      onSignedIn(await signIn(name.value.trim(), password.value));
    } catch (error) {
      const { message: text, details } = describeError(error);
      message.className = 'form-summary error';
      message.replaceChildren(h('p', null, text), details.length ? h('ul', null, details.map((d) => h('li', null, d))) : '');
      password.select();
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.replaceChildren(form);
  name.focus();
  return () => undefined;
}
