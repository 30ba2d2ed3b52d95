// The sign-in every Blueprint page with an account shares: register and log-in forms, the bearer
// token in local storage (so a sign-in lasts across tabs until sign-out), and an api() that sends it and turns a ProblemDetails into a message.
// A page provides an empty <section id="account" class="account">, #app, #logout, #who and #error,
// and calls blueprint.start(onSignedIn, onSignedOut).
window.blueprint = (() => {
  const $ = id => document.getElementById(id);
  const escape = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  let token = localStorage.getItem('blueprint.token');
  let signedIn = () => {};
  let signedOut = () => {};

  // A Blob (a file from an <input type=file>) goes as raw bytes; anything else as JSON.
  async function request(method, path, body) {
    const raw = body instanceof Blob;
    const headers = { 'content-type': raw ? 'application/octet-stream' : 'application/json' };
    if (token) headers.authorization = 'Bearer ' + token;
    const response = await fetch(path, { method, headers, body: body === undefined || raw ? body : JSON.stringify(body) });
    if (response.status === 401 && token) { logout(); throw new Error('Your session ended; log in again.'); }
    if (!response.ok) {
      const payload = await response.json().catch(() => null);
      const reasons = payload?.errors ? Object.values(payload.errors).flat().join(' ') : '';
      throw new Error(reasons || payload?.detail || payload?.title || `${method} ${path} answered ${response.status}`);
    }
    return response;
  }

  async function api(method, path, body) {
    const response = await request(method, path, body);
    return response.status === 204 || response.headers.get('content-length') === '0' ? null : await response.json().catch(() => null);
  }

  const attempt = fn => async event => {
    event?.preventDefault();
    try { $('error').textContent = ''; await fn(event); } catch (e) { $('error').textContent = e.message; }
  };

  function show() {
    const isIn = !!token;
    $('account').hidden = isIn;
    $('app').hidden = !isIn;
    $('logout').hidden = !isIn;
    $('who').textContent = isIn ? (localStorage.getItem('blueprint.email') || '') : 'not signed in';
    if (isIn) attempt(signedIn)(); else signedOut();
  }

  async function logIn(email, password) {
    const result = await api('POST', '/api/identity/login', { email, password });
    token = result.accessToken;
    localStorage.setItem('blueprint.token', token);
    localStorage.setItem('blueprint.email', email);
    show();
  }

  function logout() {
    token = null;
    localStorage.removeItem('blueprint.token'); localStorage.removeItem('blueprint.email');
    $('registered').hidden = true;
    show();
  }

  const forms = `
    <form id="register">
      <h2>Register</h2>
      <input name="email" type="email" placeholder="email" required autocomplete="username">
      <input name="password" type="password" placeholder="new password" required autocomplete="new-password" aria-describedby="password-rules">
      <p id="password-rules" class="hint">6 or more characters, with upper and lower case, a digit and a symbol.</p>
      <button type="submit">Register</button>
      <p id="registered" hidden></p>
    </form>
    <form id="login">
      <h2>Log in</h2>
      <input name="email" type="email" placeholder="email" required autocomplete="username">
      <input name="password" type="password" placeholder="password" required autocomplete="current-password">
      <button type="submit">Log in</button>
    </form>`;

  function start(onSignedIn, onSignedOut) {
    signedIn = onSignedIn; signedOut = onSignedOut;
    $('account').innerHTML = forms;
    // Registering signs you in. The server answers a taken email as it answers a new one (no one
    // learns which emails have accounts), so a taken one shows here as a sign-in that fails.
    $('register').addEventListener('submit', attempt(async e => {
      const f = e.target;
      $('registered').hidden = true;
      await api('POST', '/api/identity/register', { email: f.email.value, password: f.password.value });
      try {
        await logIn(f.email.value, f.password.value);
        f.reset();
      } catch {
        $('registered').textContent = 'This email may already have an account: if it is yours, log in with its password.';
        $('registered').hidden = false;
        $('login').email.value = f.email.value;
      }
    }));
    $('login').addEventListener('submit', attempt(async e => {
      const f = e.target;
      await logIn(f.email.value, f.password.value);
      f.reset();
    }));
    $('logout').addEventListener('click', logout);
    show();
  }

  // An SVG element with its attributes (and text): how pages draw their charts.
  const svg = (name, attrs, text) => {
    const e = document.createElementNS('http://www.w3.org/2000/svg', name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };

  return { $, escape, api, request, attempt, start, svg };
})();
