// The TLS certificate: a configured PEM pair, or a self-signed one made at start by the openssl CLI.
// The CLI is used because Node's crypto can make keys but not X.509 certificates.
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Makes a short-lived P-256 certificate for exactly the names the tutorial's clients use. */
function makeSelfSigned() {
  const dir = mkdtempSync(join(tmpdir(), 'faithful-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '-addext', 'basicConstraints=critical,CA:FALSE',
      '-addext', 'extendedKeyUsage=serverAuth',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    return { cert: readFileSync(certPath), key: readFileSync(keyPath) };
  } finally {
    // The private key must not outlive the process on disk.
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Returns the PEM pair plus the SHA-256 of the DER certificate (uppercase hex, no colons) that clients pin. */
export function loadCertificate(options) {
  const selfSigned = options.cert === null;
  const pair = selfSigned ? makeSelfSigned() : { cert: readFileSync(options.cert), key: readFileSync(options.key) };
  const sha256 = new X509Certificate(pair.cert).fingerprint256.replaceAll(':', '').toUpperCase();
  return { ...pair, sha256, selfSigned };
}
