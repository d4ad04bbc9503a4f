// Command-line options and the catalogue of deliberate faults (--break).
// Kept apart from the server so the README, the error message and the code share one list.

/** Each fault switches on exactly one deviation from the contract, so a mutation test can prove the suite notices it. */
export const BREAKS = new Map([
  ['no-httponly', 'session cookie is sent without HttpOnly'],
  ['no-secure', 'session cookie is sent without Secure'],
  ['no-samesite', 'session cookie is sent without SameSite'],
  ['samesite-none', 'session cookie says SameSite=None instead of Lax'],
  ['no-path', 'session cookie is sent without Path=/'],
  ['cookie-name', "session cookie is named 'KrSession' instead of 'Kr.Session'"],
  ['whoami-200', 'whoami without a user answers 200 {"user":null} instead of 401'],
  ['login-empty-200', 'login with an empty or whitespace user answers 200 and stores it'],
  ['set-missing-200', 'set with a missing or whitespace key/value answers 200 and stores it'],
  ['counter-message', "counter answers 'Counter increased' instead of 'Counter incremented'"],
  ['counter-start-0', 'the first counter call of a session gives 0 instead of 1'],
  ['logout-keeps-user', "logout answers as usual but the user survives into the next session"],
  ['idle-60', 'idle timeout is 60 s instead of the configured one (20 s by default)'],
  ['no-sliding', 'expiry is fixed at session start + idle timeout; requests do not slide it'],
  ['cookie-carries-data', 'no server-side store: the cookie is base64url(session JSON) + HMAC'],
  ['http-too', 'also answers plain HTTP on the same port (first byte not a TLS handshake)'],
  ['listen-any', 'listens on 0.0.0.0 instead of 127.0.0.1'],
]);

/** Thrown for bad command lines; the entry point turns it into one stderr line and exit code 2. */
export class UsageError extends Error {}

const DEFAULTS = { port: 8080, idleSeconds: 20, cert: null, key: null, breaks: new Set() };

function parsePort(text, source) {
  if (!/^\d+$/.test(text) || Number(text) > 65535) throw new UsageError(`${source} must be an integer 0..65535, got '${text}'`);
  return Number(text);
}

function parseSeconds(text) {
  const seconds = Number(text);
  if (!(seconds > 0) || !Number.isFinite(seconds)) throw new UsageError(`--idle-seconds must be a positive number, got '${text}'`);
  return seconds;
}

function addBreaks(breaks, text) {
  for (const name of text.split(',').map((part) => part.trim()).filter(Boolean)) {
    if (!BREAKS.has(name)) throw new UsageError(`unknown --break '${name}' (known: ${[...BREAKS.keys()].join(', ')})`);
    breaks.add(name);
  }
}

/** Accepts `--name value` and `--name=value`; PORT from the environment is used only when --port is absent. */
export function parseOptions(argv, env) {
  const options = { ...DEFAULTS, breaks: new Set() };
  let portGiven = false;
  for (let i = 0; i < argv.length; i++) {
    let [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      return argv[++i];
    };
    switch (flag) {
      case '--port': options.port = parsePort(value(), '--port'); portGiven = true; break;
      case '--idle-seconds': options.idleSeconds = parseSeconds(value()); break;
      case '--cert': options.cert = value(); break;
      case '--key': options.key = value(); break;
      case '--break': addBreaks(options.breaks, value()); break;
      default: throw new UsageError(`unknown argument '${argv[i]}'`);
    }
  }
  if (!portGiven && env.PORT !== undefined && env.PORT !== '') options.port = parsePort(env.PORT, 'PORT');
  if ((options.cert === null) !== (options.key === null)) throw new UsageError('--cert and --key go together');
  return options;
}
