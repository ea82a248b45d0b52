// Sign-in for the console page: talks only to the native API, renders text with textContent (never innerHTML).
const form = document.getElementById('sign-in');
const errorBox = document.getElementById('error');
const account = document.getElementById('account');

async function api(path, options = {}) {
  const response = await fetch(`/native/v1${path}`, { credentials: 'same-origin', headers: { 'content-type': 'application/json' }, ...options });
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(body?.error?.message ?? `request failed (${response.status})`);
  return body;
}

function line(tag, text) {
  const element = document.createElement(tag);
  element.textContent = text;
  return element;
}

async function showAccount() {
  const { user } = await api('/me');
  const widgets = user.role === 'admin' ? (await api('/widgets')).widgets : [];
  account.replaceChildren(line('h2', `Signed in as ${user.name} (${user.email})`), line('p', `Role: ${user.role}`));
  if (widgets.length) {
    const list = document.createElement('ul');
    for (const widget of widgets) list.append(line('li', `${widget.name} – widget id ${widget.id}`));
    account.append(line('h3', 'Widgets'), list);
  }
  form.hidden = true;
  account.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  errorBox.textContent = '';
  try {
    await api('/auth/login', { method: 'POST', body: JSON.stringify({ email: form.email.value, password: form.password.value }) });
    await showAccount();
  } catch (error) {
    errorBox.textContent = error.message;
  }
});

showAccount().catch(() => {});
