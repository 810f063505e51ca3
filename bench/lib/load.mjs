// 5. The sandbox under load, with wrk on loopback: requests per second, latency percentiles,
// socket errors and non-2xx answers, for the list of 10,000 and a read/registration mix.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: { ...process.env, ...env }, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Parses wrk's own report plus the lines our Lua `done()` prints. */
export function parseWrk(text) {
  const number = (pattern) => {
    const match = text.match(pattern);
    return match ? Number(match[1]) : 0;
  };
  const socket = text.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const percentiles = {};
  for (const match of text.matchAll(/^PERCENTILE ([\d.]+) (\d+)$/gm)) percentiles[match[1]] = Number(match[2]) / 1000;
  const statuses = {};
  for (const match of text.matchAll(/^STATUS (\d+) (\d+)$/gm)) statuses[match[1]] = Number(match[2]);
  return {
    requests: number(/(\d+) requests in/),
    rps: number(/Requests\/sec:\s+([\d.]+)/),
    p50: percentiles['50'],
    p90: percentiles['90'],
    p99: percentiles['99'],
    max: number(/^MAX (\d+)$/m) / 1000,
    socketErrors: socket
      ? { connect: +socket[1], read: +socket[2], write: +socket[3], timeout: +socket[4] }
      : { connect: 0, read: 0, write: 0, timeout: 0 },
    non2xx: number(/Non-2xx or 3xx responses: (\d+)/),
    statuses,
  };
}

export async function wrk({ origin, path, script, connections, seconds, threads = 2, env = {} }) {
  const args = [
    `-t${threads}`,
    `-c${connections}`,
    `-d${seconds}s`,
    '--timeout',
    '10s',
    '--latency',
    '-s',
    script,
    origin + path,
  ];
  const text = await run('wrk', args, env);
  return { ...parseWrk(text), connections, raw: text };
}

/** The load phase: the list (plain and gzipped) at 50 and 200 connections, then the mix at 50 and 200. */
export async function measureLoad({ origin, token, ids, scriptsDir, tmp, seconds, log }) {
  const idsFile = join(tmp, 'ids.txt');
  writeFileSync(idsFile, ids.join('\n') + '\n');
  const env = { BENCH_TOKEN: token, BENCH_IDS_FILE: idsFile };
  const results = { list: [], mix: [] };
  // A short warm-up: the first requests pay for page-cache misses and connection set-up.
  await wrk({ origin, path: '/api/v1/domains/', script: join(scriptsDir, 'list.lua'), connections: 10, seconds: 2, env });
  // wrk sends no Accept-Encoding (the body goes out as 2.8 MB of JSON); browsers send
  // `gzip, deflate, br`, and the sandbox answers them gzipped.
  for (const encoding of ['identity', 'gzip']) {
    for (const connections of [50, 200]) {
      const result = await wrk({
        origin,
        path: '/api/v1/domains/',
        script: join(scriptsDir, 'list.lua'),
        connections,
        seconds,
        env: { ...env, BENCH_ACCEPT_ENCODING: encoding === 'gzip' ? 'gzip, deflate, br' : '' },
      });
      result.encoding = encoding;
      log?.(`  list (${encoding}), ${connections} connections: ${result.rps.toFixed(1)} req/s, p99 ${result.p99} ms`);
      results.list.push(result);
    }
  }
  for (const connections of [50, 200]) {
    const nonce = `${Date.now().toString(36)}${connections}`;
    const result = await wrk({
      origin,
      path: '/api/v1/domains/',
      script: join(scriptsDir, 'mix.lua'),
      connections,
      seconds,
      env: { ...env, BENCH_NONCE: nonce },
    });
    log?.(`  mix, ${connections} connections: ${result.rps.toFixed(1)} req/s, p99 ${result.p99} ms`);
    results.mix.push(result);
  }
  return results;
}
