// Renders Cucumber Messages (NDJSON) into the living-documentation page with the official formatter.
// Usage: node render.mjs <messages.ndjson> <index.html>
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { CucumberHtmlStream } from '@cucumber/html-formatter';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node render.mjs <messages.ndjson> <index.html>');
  process.exit(2);
}

async function* envelopes() {
  for await (const line of createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim().length > 0) yield JSON.parse(line);
  }
}

await pipeline(Readable.from(envelopes()), new CucumberHtmlStream(), createWriteStream(output, 'utf8'));
