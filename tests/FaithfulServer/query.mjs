// Query-string parsing with this server's own (documented) choices, which differ from ASP.NET Core's:
// - '+' is kept as a literal plus (RFC 3986 gives it no meaning); only %XX escapes are decoded;
// - well-formed UTF-8 is decoded as UTF-8; every byte that is not part of a well-formed sequence
//   (e.g. %FF, or %ED%A0%80, the encoding of a lone surrogate) becomes the Latin-1 character of
//   that byte, so %FF%FE reads as "ÿþ" (ASP.NET Core keeps "%FF%FE", WHATWG URL gives U+FFFD);
// - when a name repeats, the first occurrence wins (ASP.NET Core joins them with commas).
// Whatever the choice, /session/get returns exactly the string /session/set stored.

/** Percent-decodes to raw bytes; a '%' not followed by two hex digits stays literal. */
function percentBytes(text) {
  const raw = Buffer.from(text, 'utf8');
  const out = [];
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === 0x25 ? raw.subarray(i + 1, i + 3).toString('latin1') : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(raw[i]);
    }
  }
  return Buffer.from(out);
}

/** Length of the well-formed UTF-8 sequence starting at i (RFC 3629 table), or 0 if there is none. */
function sequenceLength(bytes, i) {
  const b0 = bytes[i];
  if (b0 < 0x80) return 1;
  // [lead byte range, allowed range of the 2nd byte, total length]: excludes overlongs, surrogates and > U+10FFFF.
  const table = [
    [0xc2, 0xdf, 0x80, 0xbf, 2], [0xe0, 0xe0, 0xa0, 0xbf, 3], [0xe1, 0xec, 0x80, 0xbf, 3],
    [0xed, 0xed, 0x80, 0x9f, 3], [0xee, 0xef, 0x80, 0xbf, 3], [0xf0, 0xf0, 0x90, 0xbf, 4],
    [0xf1, 0xf3, 0x80, 0xbf, 4], [0xf4, 0xf4, 0x80, 0x8f, 4],
  ];
  const row = table.find(([lo, hi]) => b0 >= lo && b0 <= hi);
  if (!row) return 0;
  const [, , lo2, hi2, length] = row;
  if (i + length > bytes.length || bytes[i + 1] < lo2 || bytes[i + 1] > hi2) return 0;
  for (let k = 2; k < length; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return 0;
  return length;
}

/** Decodes one query component with the choices above. */
export function decodeComponent(text) {
  const bytes = percentBytes(text);
  let result = '';
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      result += String.fromCharCode(bytes[i]);
      i += 1;
    } else {
      result += bytes.subarray(i, i + length).toString('utf8');
      i += length;
    }
  }
  return result;
}

/** Parses "a=1&b=2" into a Map; a name without '=' has the value "". */
export function parseQuery(search) {
  const query = new Map();
  for (const pair of search.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = decodeComponent(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decodeComponent(pair.slice(at + 1));
    if (!query.has(name)) query.set(name, value);
  }
  return query;
}
