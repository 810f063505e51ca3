/**
 * The deployment under test, built from real parts on free ports, each in its own temporary
 * directory, and stopped at the end:
 *
 *   Chromium → nginx (deploy/nginx.conf.in, rendered by deploy/render-nginx.mjs) → TLS, Host and
 *   SNI `admin.vps.org`, checked against a test CA → "the provider's edge" (a second nginx,
 *   terminating TLS with a certificate for admin.vps.org, as the real one does) → the sandbox
 *   (`--page-size 4`: DRF-style pages whose `next` links name https://admin.vps.org).
 *
 * Nothing here touches the machine's own nginx: each nginx gets its own prefix, configuration,
 * pid file and logs (`nginx -p DIR -c DIR/nginx.conf -e DIR/error.log`).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const DIST = path.join(ROOT, 'dist');
const RENDER = path.join(ROOT, 'deploy/render-nginx.mjs');
/** Debian's nginx and the brotli_static module from libnginx-mod-http-brotli-static. */
const NGINX = '/usr/sbin/nginx';
const BROTLI_STATIC = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';
export const PROVIDER_HOST = 'admin.vps.org';

/** A port nothing listens on now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether something accepts connections on this loopback port now. */
export async function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, what: string, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await isListening(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  throw new Error(`${what} did not listen on ${port} (exit ${child.exitCode}):\n${text}`);
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGCONT');
  child.kill(signal);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** One nginx of its own: `site` is an http-level configuration (server blocks and all). */
export class Nginx {
  private constructor(
    readonly prefix: string,
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  static async start(prefix: string, port: number, site: string): Promise<Nginx> {
    fs.mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
    fs.writeFileSync(path.join(prefix, 'site.conf'), site);
    // What Debian's own /etc/nginx/nginx.conf gives a site (mime.types, gzip on, sendfile),
    // with every path under this prefix.
    fs.writeFileSync(
      path.join(prefix, 'nginx.conf'),
      [
        `load_module ${BROTLI_STATIC};`,
        'worker_processes 1;',
        `pid ${prefix}/nginx.pid;`,
        `error_log ${prefix}/error.log warn;`,
        'events { worker_connections 256; }',
        'http {',
        '    include /etc/nginx/mime.types;',
        '    default_type application/octet-stream;',
        '    sendfile on;',
        '    gzip on;',
        `    access_log ${prefix}/other-access.log;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${prefix}/tmp/${kind};`),
        `    include ${prefix}/site.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    const args = ['-p', prefix, '-c', path.join(prefix, 'nginx.conf'), '-e', path.join(prefix, 'error.log')];
    // A configuration error says so at once, with nginx's own words.
    execFileSync(NGINX, [...args, '-t', '-q'], { stdio: 'pipe' });
    const child = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: 'ignore' });
    await waitForPort(port, `nginx (${prefix})`, child, path.join(prefix, 'error.log'));
    return new Nginx(prefix, port, child);
  }

  log(name = 'access.log'): string {
    const file = path.join(this.prefix, name);
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  async stop(): Promise<void> {
    await stopChild(this.child, 'SIGQUIT');
  }
}

/** A sandbox as scripts/lib/sandbox.mjs starts it. */
interface Sandbox {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/** The sandbox binary, standing in for the provider's application servers. */
export class Upstream {
  private constructor(
    readonly url: string,
    readonly logFile: string,
    private readonly sandbox: Sandbox,
  ) {}

  static async start(dir: string): Promise<Upstream> {
    const logFile = path.join(dir, 'sandbox.log');
    const { startSandbox } = await import('../../scripts/lib/sandbox.mjs');
    const sandbox = await startSandbox({
      db: path.join(dir, 'sandbox.db'),
      logFile,
      activationDelay: 300,
      args: ['--page-size', '4', '--transfer-delay', '600'],
    });
    return new Upstream(sandbox.origin, logFile, sandbox);
  }

  /** The request log: one line per request (method, path, status, ms). */
  log(): string {
    return fs.readFileSync(this.logFile, 'utf8');
  }

  /** Stops answering without closing anything (SIGSTOP): an upstream that hangs. */
  freeze(): void {
    this.signal('SIGSTOP');
  }

  thaw(): void {
    this.signal('SIGCONT');
  }

  /** Stops it (again: a test may stop it before the deployment does). */
  async stop(): Promise<void> {
    // A frozen sandbox hears nothing until it is let go.
    this.thaw();
    await this.sandbox.stop();
  }

  private signal(signal: NodeJS.Signals): void {
    try {
      process.kill(this.sandbox.pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** A test CA, and a certificate for admin.vps.org signed by it. */
function certificates(dir: string): { ca: string; cert: string; key: string } {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=VPS admin test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', ...ec, '-keyout', file('edge.key'), '-out', file('edge.csr'), '-subj', `/CN=${PROVIDER_HOST}`);
  fs.writeFileSync(file('edge.ext'), `subjectAltName=DNS:${PROVIDER_HOST},IP:127.0.0.1\nextendedKeyUsage=serverAuth\n`);
  openssl('x509', '-req', '-in', file('edge.csr'), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial',
    '-out', file('edge.pem'), '-days', '2', '-extfile', file('edge.ext'));
  return { ca: file('ca.pem'), cert: file('edge.pem'), key: file('edge.key') };
}

/** The provider's edge: TLS for admin.vps.org, then the upstream, told the request was https. */
function edgeSite(port: number, upstream: string, tls: { cert: string; key: string }, prefix: string): string {
  return `server {
    listen 127.0.0.1:${port} ssl;
    server_name ${PROVIDER_HOST};
    ssl_certificate ${tls.cert};
    ssl_certificate_key ${tls.key};
    access_log ${prefix}/access.log;
    location / {
        proxy_pass ${upstream};
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-Proto https;
        proxy_read_timeout 120s;
    }
}
`;
}

export interface DeploymentOptions {
  /** `--upstream-timeout` of the rendering (seconds). */
  upstreamTimeout?: number;
  /** The CAs the deployment trusts for the upstream: the test CA, or only the system's. */
  trust?: 'test-ca' | 'system';
}

export class Deployment {
  private constructor(
    readonly dir: string,
    readonly origin: string,
    readonly upstream: Upstream,
    readonly edge: Nginx,
    readonly nginx: Nginx,
    readonly config: string,
    /** The test CA that signed the edge's certificate (for admin.vps.org and 127.0.0.1). */
    readonly ca: string,
  ) {}

  static async start({ upstreamTimeout = 5, trust = 'test-ca' }: DeploymentOptions = {}): Promise<Deployment> {
    if (!fs.existsSync(path.join(DIST, 'index.html'))) throw new Error('build the app first: make build-release');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vps-nginx-'));
    // nginx's workers (as nobody, when the master runs as root) read the prefix.
    fs.chmodSync(dir, 0o755);
    const tls = certificates(dir);
    const upstream = await Upstream.start(dir);
    const edgePort = await freePort();
    const edge = await Nginx.start(path.join(dir, 'edge'), edgePort, edgeSite(edgePort, upstream.url, tls, path.join(dir, 'edge')));
    const port = await freePort();
    const prefix = path.join(dir, 'deploy');
    fs.mkdirSync(prefix);
    // The README's command, with the test's addresses.
    const config = execFileSync(
      process.execPath,
      [
        RENDER,
        '--upstream',
        `https://${PROVIDER_HOST}`,
        '--upstream-address',
        `127.0.0.1:${edgePort}`,
        ...(trust === 'test-ca' ? ['--trusted-ca', tls.ca] : []),
        '--upstream-timeout',
        String(upstreamTimeout),
        '--dist',
        DIST,
        '--listen',
        `127.0.0.1:${port}`,
        '--access-log',
        path.join(prefix, 'access.log'),
      ],
      { encoding: 'utf8' },
    );
    const nginx = await Nginx.start(prefix, port, config);
    return new Deployment(dir, `http://127.0.0.1:${port}`, upstream, edge, nginx, config, tls.ca);
  }

  async stop(): Promise<void> {
    await this.nginx.stop();
    await this.edge.stop();
    await this.upstream.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
