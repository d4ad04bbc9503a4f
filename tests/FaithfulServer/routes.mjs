// The tutorial's routes. Status codes and JSON content follow the contract exactly; the field order
// (and pretty-printing, done by the caller) are deliberately not ASP.NET Core's, since clients must parse.

const isBlank = (text) => text === undefined || text.trim() === '';

const badRequest = (error, example) => ({ status: 400, body: { example, error } });

/** The counter is stored as decimal text like every other value; anything else counts as "no counter yet". */
function readCounter(data, breaks) {
  const stored = data.get('counter');
  if (stored !== undefined && /^-?\d+$/.test(stored)) return Number(stored);
  return breaks.has('counter-start-0') ? -1 : 0;
}

/**
 * Each handler gets the parsed query, the open session and the active faults, and returns
 * { status, body } — or also { session } when it replaced the session (logout).
 */
export function sessionRoutes(breaks, store) {
  return new Map([
    ['/session/counter', (query, session) => {
      const counter = readCounter(session.data, breaks) + 1;
      session.data.set('counter', String(counter));
      const message = breaks.has('counter-message') ? 'Counter increased' : 'Counter incremented';
      return { status: 200, body: { counter, message } };
    }],

    ['/session/login', (query, session) => {
      const user = query.get('user');
      const accepted = breaks.has('login-empty-200') ? user !== undefined : !isBlank(user);
      if (!accepted) return badRequest("Missing 'user' query parameter", '/session/login?user=max');
      session.data.set('user', user);
      return { status: 200, body: { user, message: 'Logged in' } };
    }],

    ['/session/whoami', (query, session) => {
      const user = session.data.get('user');
      if (user !== undefined) return { status: 200, body: { user } };
      if (breaks.has('whoami-200')) return { status: 200, body: { user: null } };
      return { status: 401, body: { error: 'No active session or user not set' } };
    }],

    ['/session/logout', (query, session, now) => {
      // Logout rotates the key as well as clearing the data (ASP.NET Core's Clear() keeps the key).
      const fresh = store.renew(session, now);
      const user = session.data.get('user');
      if (breaks.has('logout-keeps-user') && user !== undefined) fresh.data.set('user', user);
      return { status: 200, body: { message: 'Session cleared' }, session: fresh };
    }],

    ['/session/set', (query, session) => {
      let key = query.get('key');
      let value = query.get('value');
      if (isBlank(key) || isBlank(value)) {
        if (!breaks.has('set-missing-200')) {
          return badRequest("Missing 'key' and/or 'value' query parameter(s)", '/session/set?key=color&value=purple');
        }
        key ??= '';
        value ??= '';
      }
      session.data.set(key, value);
      return { status: 200, body: { value, key, message: 'Stored in session' } };
    }],

    ['/session/get', (query, session) => {
      const key = query.get('key');
      if (isBlank(key)) return badRequest("Missing 'key' query parameter", '/session/get?key=color');
      const value = session.data.get(key);
      if (value === undefined) return { status: 404, body: { error: `Key '${key}' not found in session` } };
      return { status: 200, body: { value, key } };
    }],
  ]);
}
