// Judges the answers smoke.sh collected: one line of manifest.tsv per request
// (kind, step, request number, status, expected status, expected body). JSON is compared by content,
// never by text or field order, since the contract fixes only the content. Exit 1 if any check fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

const dir = process.argv[2];
const read = (n, ext, encoding = 'utf8') => readFileSync(join(dir, `${n}.${ext}`), encoding);
const header = (n, name) => new RegExp(`^${name}:\\s*(.*?)\\s*$`, 'im').exec(read(n, 'headers', 'latin1'))?.[1];

function checkJson(n, expected) {
  const type = header(n, 'content-type');
  if (type !== 'application/json; charset=utf-8') return `content type ${type}`;
  let actual;
  try { actual = JSON.parse(read(n, 'body')); } catch { return `not JSON: ${read(n, 'body')}`; }
  return isDeepStrictEqual(actual, JSON.parse(expected)) ? null : `body ${JSON.stringify(actual)}`;
}

// The tutorial's step 4, on the first answer and on this one (same session): this server re-sends the cookie
// on every session answer, so both must carry it with the same key and every attribute.
function checkCookieAttributes(n) {
  const wanted = ['httponly', 'secure', 'samesite=lax', 'path=/'];
  const values = [];
  for (const m of [1, n]) {
    const cookie = header(m, 'set-cookie') ?? '';
    const [pair, ...attributes] = cookie.split(';').map((part) => part.trim().toLowerCase());
    const ok = cookie.startsWith('Kr.Session=') && wanted.every((a) => attributes.includes(a)) && pair.length > 11;
    if (!ok) return `answer ${m} Set-Cookie: ${cookie.replace(/=[^;]*/, '=<value>') || '(none)'}`;
    values.push(pair);
  }
  return values[0] === values[1] ? null : 'the second answer re-sent a different session key';
}

// The cookie carries only a key: neither it nor any base64url part of it may contain the stored value or the user.
function checkCookieHasNoData(n) {
  const line = read(n, 'jar').split('\n').find((l) => /\tKr\.Session\t/.test(l));
  if (line === undefined) return 'no Kr.Session cookie in the jar';
  const value = line.split('\t').pop();
  const decoded = value.split('.').map((part) => Buffer.from(part, 'base64url').toString('latin1'));
  return [value, ...decoded].some((text) => /purple|max/.test(text)) ? 'session data found in the cookie' : null;
}

function checkHello(n, expected) {
  if (!/^text\/plain\b/.test(header(n, 'content-type') ?? '')) return `content type ${header(n, 'content-type')}`;
  if (read(n, 'body') !== expected) return `body '${read(n, 'body')}'`;
  return header(n, 'set-cookie') === undefined ? null : 'set a cookie';
}

const checks = {
  json: (n, expected) => checkJson(n, expected),
  'cookie-attributes': (n, expected) => checkCookieAttributes(n) ?? checkJson(n, expected),
  'cookie-no-data': (n, expected) => checkJson(n, expected) ?? checkCookieHasNoData(n),
  hello: checkHello,
  status: () => null,
};

let failed = 0;
for (const line of readFileSync(join(dir, 'manifest.tsv'), 'utf8').split('\n').filter(Boolean)) {
  const [kind, step, n, status, wantedStatus, expected] = line.split('\t');
  const problem = status !== wantedStatus ? `status ${status}, expected ${wantedStatus}` : checks[kind](n, expected);
  if (problem === null) console.log(`ok   ${step}`);
  else { console.log(`FAIL ${step}: ${problem}`); failed++; }
}
process.exit(failed === 0 ? 0 : 1);
