// The one way the scripts start a sandbox: on a free loopback port (`--listen 127.0.0.1:0`),
// its address read from the line it prints when it listens. No port is picked beforehand, so
// nothing can take it in between.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const RELEASE_BINARY = join(ROOT, 'target/release/vps-sandbox');
// The seed's two accounts, as sandbox/seed.json (which the sandbox itself reads) describes them.
const seed = JSON.parse(readFileSync(join(ROOT, 'sandbox/seed.json'), 'utf8'));
export const DEMO_TOKEN = seed.accounts[0].token;
export const OTHER_TOKEN = seed.accounts[1].token;

/**
 * Starts `vps-sandbox` (the release build unless `binary` names another) and resolves, once it
 * listens, to `{ origin, port, pid, stop() }`. `listen` is a free port unless given (a restart
 * on the port it had); `args` are passed on (`--page-size`, `--transfer-delay`…). With
 * `logFile`, the request log goes there; without, the sandbox is `--quiet`.
 */
export function startSandbox({ binary = RELEASE_BINARY, db, staticDir, activationDelay, listen = '127.0.0.1:0', logFile, args = [] }) {
  const all = ['--listen', listen, '--db', db, ...(logFile ? [] : ['--quiet']), ...args];
  if (activationDelay !== undefined) all.push('--activation-delay', String(activationDelay));
  if (staticDir) all.push('--static', staticDir);
  const stderr = logFile ? openSync(logFile, 'a') : 'inherit';
  const child = spawn(binary, all, { stdio: ['ignore', 'pipe', stderr] });
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('vps-sandbox did not start within 30 s')), 30_000);
    child.on('error', (error) => reject(new Error(`vps-sandbox: ${error.message} (build it: cargo build --release -p vps-sandbox)`)));
    child.on('exit', (code) => reject(new Error(`vps-sandbox exited with ${code}`)));
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = buffer.match(/listening on (http:\/\/[^\s]+)/);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.resume();
      resolve({
        origin: match[1],
        port: Number(new URL(match[1]).port),
        pid: child.pid,
        // SIGTERM, and SIGKILL if a graceful stop takes more than 5 s (a client may hold a
        // connection open); stopping one already stopped is nothing.
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.removeAllListeners('exit');
            const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
            child.on('exit', () => {
              clearTimeout(force);
              done();
            });
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
