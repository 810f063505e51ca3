// Small shared helpers: statistics, formatting, tables, processes.
import { spawnSync } from 'node:child_process';

export function median(values) {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of the finite values; NaN when there are none. */
export function percentile(values, p) {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function fmt(value, digits = 1) {
  if (!Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function kb(bytes, digits = 1) {
  return fmt(bytes / 1000, digits);
}

export function mb(bytes, digits = 1) {
  return fmt(bytes / 1e6, digits);
}

export function ratio(a, b, digits = 2) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return '–';
  return `${fmt(a / b, digits)}×`;
}

/** Prints rows as an aligned text table; the first column left-aligned, the others right. */
export function printTable(header, rows) {
  const all = [header, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = header.map((_, i) => Math.max(...all.map((row) => [...(row[i] ?? '')].length)));
  const line = (row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(line(all[0]));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of all.slice(1)) console.log(line(row));
}

export function heading(text) {
  console.log(`\n=== ${text} ===`);
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether a command is on PATH. */
export function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian packages for missing commands (the brief's own check), as root or with sudo. */
export function ensureDebian(commands) {
  const missing = Object.entries(commands).filter(([command]) => !have(command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  console.error(`installing ${packages.join(', ')} from Debian (missing: ${missing.map(([c]) => c).join(', ')})`);
  const sudo = process.getuid && process.getuid() === 0 ? '' : 'sudo ';
  const result = spawnSync(
    'sh',
    ['-c', `${sudo}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${sudo}apt-get install -y -qq ${packages.join(' ')}`],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed`);
}
