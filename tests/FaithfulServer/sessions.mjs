// Sessions: the cookie that names one, and the two places its data can live.
// The faithful store keeps every value in an in-memory Map and gives the client only a protected key
// (32 random bytes + HMAC-SHA256, base64url), as the tutorial's cookie does. The cookie-carrying store
// exists only for the 'cookie-carries-data' fault: it proves the suite notices data travelling in the cookie.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** HMAC-protected tokens "payload.mac"; the secret is per process, so a restart invalidates every cookie. */
class TokenSigner {
  #secret = randomBytes(32);

  sign(payload) {
    return `${payload}.${this.#mac(payload)}`;
  }

  /** Returns the payload when the MAC is right, otherwise null (garbage and tampering are not errors). */
  verify(token) {
    const dot = token.lastIndexOf('.');
    if (dot <= 0) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.#mac(payload), 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected) ? payload : null;
  }

  #mac(payload) {
    return createHmac('sha256', this.#secret).update(payload).digest('base64url');
  }
}

/** One session: its data (string values only) and when it expires. */
function newSession(id, now, idleMs) {
  return { id, data: new Map(), createdAt: now, expiresAt: now + idleMs, isNew: true };
}

/** The faithful store: data server-side, expiry checked on every read, swept now and then. */
export class MemorySessionStore {
  #sessions = new Map();
  #signer = new TokenSigner();

  constructor({ idleMs, sliding }) {
    this.idleMs = idleMs;
    this.sliding = sliding;
    // Expired entries are also refused on read; the sweep only bounds memory, so it must not keep the process alive.
    setInterval(() => this.#sweep(Date.now()), Math.max(1000, idleMs)).unref();
  }

  /** Finds the cookie's session if it is known and not expired; otherwise starts a fresh one. */
  open(token, now) {
    const id = token === null ? null : this.#signer.verify(token);
    const session = id === null ? undefined : this.#sessions.get(id);
    if (session !== undefined && now < session.expiresAt) {
      session.isNew = false;
      if (this.sliding) session.expiresAt = now + this.idleMs;
      return session;
    }
    if (session !== undefined) this.#sessions.delete(id);
    return this.#start(now);
  }

  /** Logout: the old key is forgotten and a fresh, empty session with a new key replaces it. */
  renew(session, now) {
    this.#sessions.delete(session.id);
    return this.#start(now);
  }

  /**
   * The cookie value, sent on every session answer (ASP.NET Core sends it once, when the session is first
   * written): a client that lost or never stored the cookie gets it again, and the suite must not rely on when.
   */
  cookieValue(session) {
    return this.#signer.sign(session.id);
  }

  #start(now) {
    const session = newSession(randomBytes(32).toString('base64url'), now, this.idleMs);
    this.#sessions.set(session.id, session);
    return session;
  }

  #sweep(now) {
    for (const [id, session] of this.#sessions) if (now >= session.expiresAt) this.#sessions.delete(id);
  }
}

/** The broken store ('cookie-carries-data'): the whole session, signed but readable, rides in the cookie. */
export class CookieSessionStore {
  #signer = new TokenSigner();

  constructor({ idleMs, sliding }) {
    this.idleMs = idleMs;
    this.sliding = sliding;
  }

  open(token, now) {
    const payload = token === null ? null : this.#signer.verify(token);
    if (payload !== null) {
      const { data, createdAt, expiresAt } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (now < expiresAt) {
        return { id: null, data: new Map(data), createdAt, isNew: false,
          expiresAt: this.sliding ? now + this.idleMs : expiresAt };
      }
    }
    return newSession(null, now, this.idleMs);
  }

  renew(session, now) {
    return newSession(null, now, this.idleMs);
  }

  /** Sent on every answer like the faithful store's, but here the data and the expiry travel in it. */
  cookieValue(session) {
    const { data, createdAt, expiresAt } = session;
    const json = JSON.stringify({ data: [...data], createdAt, expiresAt });
    return this.#signer.sign(Buffer.from(json, 'utf8').toString('base64url'));
  }
}

/** Finds the first cookie with this name in a Cookie header; values are never logged. */
export function readCookie(header, name) {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

/**
 * The Set-Cookie value. Attribute order and case are this server's own (ASP.NET Core writes
 * "path=/; secure; samesite=lax; httponly"); no Expires/Max-Age, so it is a browser-session cookie
 * and the idle timeout is enforced by the server alone.
 */
export function sessionCookie(name, value, breaks) {
  const parts = [`${name}=${value}`];
  if (!breaks.has('no-path')) parts.push('Path=/');
  if (!breaks.has('no-secure')) parts.push('Secure');
  if (!breaks.has('no-httponly')) parts.push('HttpOnly');
  if (breaks.has('samesite-none')) parts.push('SameSite=None');
  else if (!breaks.has('no-samesite')) parts.push('SameSite=Lax');
  return parts.join('; ');
}
