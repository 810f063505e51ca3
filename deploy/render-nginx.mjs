#!/usr/bin/env node
// Fills deploy/nginx.conf.in for one installation: where the built app is, where nginx
// listens, and the one upstream the API is proxied to. The page's Content-Security-Policy
// allows Trunk's inline loader and the inlined stylesheets by their hashes, computed from the
// built index.html: render again after every build.
//
//   node deploy/render-nginx.mjs --upstream https://admin.vps.org --dist /srv/vps-admin/dist \
//     --listen '443 ssl' --server-name admin.example.com \
//     --tls-cert /etc/ssl/example.pem --tls-key /etc/ssl/private/example.key \
//     > /etc/nginx/sites-available/vps-admin
//
// The upstream may also come from VPS_API_UPSTREAM. See `--help`.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const USAGE = `usage: node deploy/render-nginx.mjs [options] > vps-admin.conf

  --upstream URL            the provider's origin (default $VPS_API_UPSTREAM), e.g. https://admin.vps.org
  --upstream-address H:P    connect there instead of resolving the upstream's host name (tests,
                            split DNS); Host, SNI and the certificate check still use the name
  --trusted-ca FILE         CAs the upstream's certificate is checked against
                            (default /etc/ssl/certs/ca-certificates.crt)
  --upstream-timeout SECS   how long to wait for the upstream's answer (default 30; then 504)
  --dist DIR                the built app (default ./dist), made absolute
  --listen WHAT             nginx's listen parameters (default 127.0.0.1:8080; e.g. '443 ssl')
  --server-name NAME        (default _)
  --tls-cert FILE --tls-key FILE
                            serve the app over TLS (and send HSTS)
  --access-log FILE         (default /var/log/nginx/vps-admin.access.log)
  --out FILE                write there instead of to standard output`;

function fail(message) {
  console.error(`render-nginx: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** `https://admin.vps.org[:port]` → its parts; only https, or http to this machine. */
function parseUpstream(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    fail(`--upstream ${JSON.stringify(text)} is not a URL such as https://admin.vps.org`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    fail('--upstream must be https:// (http:// only to this machine): the token would cross the network in clear text');
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    fail('--upstream is the API\'s origin only, without a path: https://admin.vps.org');
  }
  return { scheme: url.protocol.slice(0, -1), host: url.hostname, hostHeader: url.host };
}

/** The bodies of the `<tag>` elements without `src`: Trunk's loader, the inlined stylesheets. */
function inlineElements(html, tag) {
  return html
    .split(`<${tag}`)
    .slice(1)
    .flatMap((rest) => {
      const close = rest.indexOf('>');
      if (close < 0 || rest.slice(0, close).includes('src=')) return [];
      const end = rest.indexOf(`</${tag}>`, close);
      return end < 0 ? [] : [rest.slice(close + 1, end)];
    });
}

export function contentSecurityPolicy(indexHtml) {
  const hashes = (tag) =>
    inlineElements(indexHtml, tag)
      .map((body) => ` 'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`)
      .join('');
  return fs
    .readFileSync(path.join(here, 'content-security-policy.txt'), 'utf8')
    .trim()
    .replace(' {script-hashes}', hashes('script'))
    .replace(' {style-hashes}', hashes('style'));
}

export function render(options) {
  const upstream = parseUpstream(options.upstream ?? '');
  const dist = path.resolve(options.dist ?? 'dist');
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) fail(`${index} does not exist: build the app first (make build-release)`);
  if (Boolean(options['tls-cert']) !== Boolean(options['tls-key'])) fail('--tls-cert and --tls-key go together');
  const timeout = Number(options['upstream-timeout'] ?? 30);
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 600) fail('--upstream-timeout is a whole number of seconds, 1 to 600');
  const tls = options['tls-cert']
    ? `    ssl_certificate ${options['tls-cert']};\n    ssl_certificate_key ${options['tls-key']};\n    ssl_protocols TLSv1.2 TLSv1.3;`
    : '    # No TLS: for this machine only, or behind a proxy that terminates TLS in front of it.';
  const hsts = options['tls-cert']
    ? '        add_header Strict-Transport-Security "max-age=31536000" always;'
    : '';
  const values = {
    LISTEN: options.listen ?? '127.0.0.1:8080',
    SERVER_NAME: options['server-name'] ?? '_',
    TLS: tls,
    HSTS: hsts,
    ACCESS_LOG: options['access-log'] ?? '/var/log/nginx/vps-admin.access.log',
    DIST: dist,
    CONTENT_SECURITY_POLICY: contentSecurityPolicy(fs.readFileSync(index, 'utf8')),
    UPSTREAM_URL: `${upstream.scheme}://${options['upstream-address'] ?? upstream.hostHeader}`,
    UPSTREAM_HOST: upstream.hostHeader,
    UPSTREAM_TLS_NAME: upstream.host,
    TRUSTED_CA: options['trusted-ca'] ?? '/etc/ssl/certs/ca-certificates.crt',
    UPSTREAM_TIMEOUT: String(timeout),
  };
  const template = fs.readFileSync(path.join(here, 'nginx.conf.in'), 'utf8');
  return template.replace(/@([A-Z_]+)@/g, (_, name) => {
    if (!(name in values)) fail(`the template names @${name}@, which nothing fills`);
    return values[name];
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let parsed;
  try {
    parsed = parseArgs({
      options: Object.fromEntries(
        ['upstream', 'upstream-address', 'trusted-ca', 'upstream-timeout', 'dist', 'listen', 'server-name', 'tls-cert', 'tls-key', 'access-log', 'out']
          .map((name) => [name, { type: 'string' }])
          .concat([['help', { type: 'boolean' }]]),
      ),
    });
  } catch (error) {
    fail(error.message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const options = { upstream: process.env.VPS_API_UPSTREAM, ...parsed.values };
  const text = render(options);
  if (options.out) fs.writeFileSync(options.out, text);
  else process.stdout.write(text);
}
