#!/usr/bin/env node
// An independent implementation of the tutorial "Sessions with SQL Server" in Node.js 20, built-in modules only.
// It follows the tutorial wherever the tutorial fixes something and chooses differently from ASP.NET Core wherever
// it leaves a choice open, so the conformance suite can prove it tests the tutorial and not ASP.NET Core.
// Usage: node server.mjs [--port N] [--idle-seconds S] [--cert c.pem --key k.pem] [--break name[,name]]...
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import { loadCertificate } from './certificate.mjs';
import { parseOptions, UsageError } from './options.mjs';
import { parseQuery } from './query.mjs';
import { sessionRoutes } from './routes.mjs';
import { CookieSessionStore, MemorySessionStore, readCookie, sessionCookie } from './sessions.mjs';

const SERVER_NAME = 'Sessions Demo Server';

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`faithful-server: ${error.message}\n`);
  process.exit(2);
}

const { breaks } = options;
const cookieName = breaks.has('cookie-name') ? 'KrSession' : 'Kr.Session';
const idleMs = (breaks.has('idle-60') ? 60 : options.idleSeconds) * 1000;
const storeOptions = { idleMs, sliding: !breaks.has('no-sliding') };
const store = breaks.has('cookie-carries-data') ? new CookieSessionStore(storeOptions) : new MemorySessionStore(storeOptions);
const routes = sessionRoutes(breaks, store);

const log = (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

function send(res, status, headers, body) {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

// Pretty-printed with a trailing newline: the contract fixes the content, not the text.
const sendJson = (res, status, body, headers = {}) =>
  send(res, status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' }, `${JSON.stringify(body, null, 2)}\n`);

/** Opens the caller's session, runs the route, and (re-)sends the cookie on every session answer. */
function runSessionRoute(req, res, handler, search) {
  const now = Date.now();
  let session = store.open(readCookie(req.headers.cookie, cookieName), now);
  const result = handler(parseQuery(search), session, now);
  session = result.session ?? session;
  const headers = { 'Cache-Control': 'no-store', 'Set-Cookie': sessionCookie(cookieName, store.cookieValue(session), breaks) };
  sendJson(res, result.status, result.body, headers);
  return session.isNew ? ' (session started)' : '';
}

function handle(req, res) {
  const started = process.hrtime.bigint();
  const at = req.url.indexOf('?');
  const path = at < 0 ? req.url : req.url.slice(0, at);
  const search = at < 0 ? '' : req.url.slice(at + 1);
  let note = '';
  try {
    const handler = routes.get(path);
    if (handler === undefined && path !== '/hello') {
      // No /healthz or other extras: anything but the tutorial's routes is a plain 404.
      send(res, 404, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Not Found\n');
    } else if (req.method !== 'GET') {
      sendJson(res, 405, { error: `Method ${req.method} not allowed; use GET` }, { Allow: 'GET' });
    } else if (handler === undefined) {
      send(res, 200, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Hello, Session World!');
    } else {
      note = runSessionRoute(req, res, handler, search);
    }
  } catch (error) {
    log(`error: ${error.message}`);
    if (!res.headersSent) sendJson(res, 500, { error: 'Internal server error' });
  }
  // The path only: query values may carry user names and stored values, and cookies are never logged.
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  log(`${req.method} ${path} ${res.statusCode} ${ms.toFixed(1)}ms${note}`);
}

const host = breaks.has('listen-any') ? '0.0.0.0' : '127.0.0.1';
let certificate;
try {
  certificate = loadCertificate(options);
} catch (error) {
  process.stderr.write(`faithful-server: cannot load or make the certificate: ${error.message.split('\n')[0]}\n`);
  process.exit(1);
}

// HTTP/1.1 only: no ALPN for h2 is offered. No Server header is sent (Node sends none by default).
const tlsServer = createHttpsServer({ cert: certificate.cert, key: certificate.key }, handle);
const plainServer = breaks.has('http-too') ? createHttpServer(handle) : null;

// One TCP listener in front of both, so what plain HTTP gets is decided here and not by how OpenSSL fails:
// a TLS connection starts with a handshake record (0x16); anything else is closed without a byte of answer,
// or, with --break http-too, served as plain HTTP on the same port.
const TLS_HANDSHAKE = 0x16;
const listener = createTcpServer((socket) => {
  socket.on('error', () => socket.destroy()); // a client resetting before its first byte is not a server error
  socket.once('data', (first) => {
    socket.pause();
    socket.unshift(first); // both servers read the first bytes again from the socket's buffer
    if (first[0] === TLS_HANDSHAKE) {
      // Left paused: TLS drains the buffer itself when it starts reading; resuming here would drop it.
      tlsServer.emit('connection', socket);
    } else if (plainServer !== null) {
      plainServer.emit('connection', socket);
      socket.resume();
    } else {
      log(`closed a connection that did not start TLS (first byte 0x${first[0].toString(16).padStart(2, '0')})`);
      socket.destroy();
    }
  });
});

const fail = (error) => {
  process.stderr.write(`faithful-server: ${error.message}\n`);
  process.exit(1);
};
listener.on('error', fail);
listener.listen(options.port, host, () => {
  const { port } = listener.address();
  log(`${SERVER_NAME} (faithful Node.js implementation) on ${host}:${port}; idle timeout ${idleMs / 1000} s` +
    `${storeOptions.sliding ? ' sliding' : ' fixed'}; certificate ${certificate.selfSigned ? 'self-signed for localhost, 127.0.0.1, ::1' : 'from --cert'}` +
    `${plainServer ? '; also plain HTTP on the same port' : ''}` +
    `${breaks.size ? `; BROKEN on purpose: ${[...breaks].join(', ')}` : ''}`);
  // The one stdout line: tests read the port from it and pin the certificate by its SHA-256.
  process.stdout.write(`listening https://127.0.0.1:${port} sha256=${certificate.sha256}\n`);
});

// Nothing is persisted, so stopping needs no draining: close the listener and leave.
const stop = () => {
  listener.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
