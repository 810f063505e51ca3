// The baseline: the domain table by hand, in plain JavaScript, no framework. It does the app's
// job on /domains — fetch the whole list (following `next`), show the counts, the risks and
// the first page of 50 rows sorted by name with the same markup and stylesheet, and filter on
// every keystroke — so that it is the floor the app is measured against.
'use strict';

const SESSION_KEY = 'vps-admin.session';
const PAGE_SIZE = 50;
const DAY = 86400;
const SOON_DAYS = 30;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

let records = []; // sorted by display name, then id
let connection = null;

function readSession() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(SESSION_KEY) || 'null');
    if (saved && saved.base && saved.token) return saved;
  } catch (_) {
    // fall through
  }
  return null;
}

// RFC 3492 punycode, decoding only (for display of xn-- labels).
function punycodeDecode(input) {
  const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700;
  const output = [];
  let basic = input.lastIndexOf('-');
  if (basic < 0) basic = 0;
  for (let j = 0; j < basic; j++) output.push(input.charCodeAt(j));
  let n = 128, bias = 72, i = 0;
  for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
    const oldi = i;
    for (let w = 1, k = base; ; k += base) {
      if (index >= input.length) throw new Error('bad punycode');
      const c = input.charCodeAt(index++);
      const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : base;
      if (digit >= base) throw new Error('bad punycode');
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
    }
    const count = output.length + 1;
    let delta = oldi === 0 ? Math.floor((i - oldi) / damp) : (i - oldi) >> 1;
    delta += Math.floor(delta / count);
    let k = 0;
    while (delta > ((base - tMin) * tMax) >> 1) {
      delta = Math.floor(delta / (base - tMin));
      k += base;
    }
    bias = k + Math.floor(((base - tMin + 1) * delta) / (delta + skew));
    n += Math.floor(i / count);
    i %= count;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

function unicodeForm(ascii) {
  if (!ascii.includes('xn--')) return ascii;
  try {
    return ascii
      .split('.')
      .map((label) => (label.startsWith('xn--') ? punycodeDecode(label.slice(4)) : label))
      .join('.');
  } catch (_) {
    return ascii;
  }
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

function seconds(text) {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

function nowToTheMinute() {
  const s = Math.floor(Date.now() / 1000);
  return s - (s % 60);
}

function toRecord(summary) {
  const display = unicodeForm(summary.domain_name);
  return {
    s: summary,
    display,
    search: summary.domain_name.toLowerCase() + '\n' + display.toLowerCase(),
    expiry: seconds(summary.expiration_date),
    vps: summary.dns_managed_by === 'vps.org',
  };
}

function group(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function humanDate(secondsValue) {
  const d = new Date(secondsValue * 1000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function rfc3339(secondsValue) {
  return new Date(secondsValue * 1000).toISOString().replace('.000Z', 'Z');
}

function relativeDays(days) {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

const BADGES = {
  active: ['badge badge--active', '●', 'Active'],
  pending: ['badge badge--pending', '◌', 'Pending'],
  expired: ['badge badge--expired', '✕', 'Expired'],
};

function flag(on, yes, no) {
  return `<span class="${on ? 'flag flag--on' : 'flag flag--off'}">${on ? yes : no}</span>`;
}

function rowHtml(record, now) {
  const s = record.s;
  const name = escapeHtml(s.domain_name);
  const title = record.display !== s.domain_name ? ` title="${name}"` : '';
  const [badgeClass, icon, label] = BADGES[s.status] || ['badge', '?', escapeHtml(String(s.status))];
  let expiry = '<span class="muted">Unknown</span>';
  if (record.expiry !== null) {
    const days = Math.floor((record.expiry - now) / DAY);
    const urgency =
      days < 0 ? 'expiry expiry--past' : days <= SOON_DAYS && !s.auto_renew ? 'expiry expiry--soon' : 'expiry';
    expiry =
      `<span class="${urgency}" title="${rfc3339(record.expiry)}"><span class="expiry__date">${humanDate(record.expiry)}</span>` +
      `<span class="expiry__days">${relativeDays(days)}</span></span>`;
  }
  return (
    `<tr data-domain="${name}"><th scope="row" class="domains__name"><a href="/domains/${s.id}"${title}>${escapeHtml(record.display)}</a></th>` +
    `<td><span class="${badgeClass}"><span class="badge__icon" aria-hidden="true">${icon}</span>${label}</span></td>` +
    `<td>${expiry}</td><td>${flag(s.auto_renew, 'On', 'Off')}</td><td>${flag(s.locked, 'Locked', 'Unlocked')}</td>` +
    `<td>${flag(s.privacy_protection, 'On', 'Off')}</td><td>${record.vps ? 'VPS.org' : 'External'}</td></tr>`
  );
}

const $ = (id) => document.getElementById(id);

function renderCounts(now) {
  let expiring = 0, expired = 0, unlocked = 0, active = 0, pending = 0, expiredStatus = 0, locked = 0;
  for (const r of records) {
    const s = r.s;
    if (s.status === 'active') active++;
    else if (s.status === 'pending') pending++;
    else if (s.status === 'expired') expiredStatus++;
    if (s.locked) locked++;
    if (s.status === 'expired') expired++;
    else {
      if (!s.locked) unlocked++;
      if (!s.auto_renew && r.expiry !== null) {
        const days = Math.floor((r.expiry - now) / DAY);
        if (days >= 0 && days <= SOON_DAYS) expiring++;
      }
    }
  }
  $('subtitle').textContent = records.length === 1 ? '1 domain' : `${group(records.length)} domains`;
  const risks = document.querySelectorAll('.risk');
  [expiring, expired, unlocked].forEach((count, i) => {
    risks[i].firstChild.textContent = group(count);
    risks[i].classList.toggle('risk--alert', count > 0);
  });
  const counts = document.querySelectorAll('.segmented__count');
  [active + pending + expiredStatus, active, pending, expiredStatus, locked].forEach((count, i) => {
    counts[i].textContent = group(count);
  });
}

function renderRows() {
  const needle = $('domain-search').value.trim().toLowerCase();
  const matching = needle ? records.filter((r) => r.search.includes(needle)) : records;
  const now = nowToTheMinute();
  const table = $('table');
  const pager = $('pager');
  const none = $('no-matches');
  if (matching.length === 0) {
    table.hidden = true;
    pager.hidden = true;
    none.hidden = records.length === 0;
    none.firstChild.textContent = `No domains match “${needle}”.`;
    return;
  }
  none.hidden = true;
  const shown = matching.slice(0, PAGE_SIZE);
  let html = '';
  for (const r of shown) html += rowHtml(r, now);
  $('rows').innerHTML = html;
  table.hidden = false;
  pager.hidden = false;
  const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
  pager.firstChild.textContent = `1–${group(shown.length)} of ${group(matching.length)}` + (pages > 1 ? ` · Page 1 of ${group(pages)}` : '');
}

async function fetchAll() {
  let url = connection.base + 'domains/';
  const all = [];
  const seen = new Set();
  for (;;) {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${connection.token}`, Accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = await response.json();
    for (const item of page.results) all.push(item);
    if (!page.next || seen.has(page.next)) return all;
    seen.add(page.next);
    url = page.next;
  }
}

async function load() {
  $('updated').textContent = 'Refreshing…';
  $('refresh').disabled = true;
  try {
    const list = await fetchAll();
    const fresh = list.map(toRecord);
    fresh.sort((a, b) => (a.display < b.display ? -1 : a.display > b.display ? 1 : a.s.id - b.s.id));
    records = fresh;
    $('loading').hidden = true;
    renderCounts(nowToTheMinute());
    renderRows();
    $('updated').textContent = 'Updated just now';
  } catch (error) {
    $('updated').textContent = `Couldn't load the domains. ${error.message}`;
  } finally {
    $('refresh').disabled = false;
  }
}

connection = readSession();
if (connection) {
  $('host').textContent = connection.base.replace(/^https?:\/\//, '').replace(/\/$/, '');
  $('domain-search').addEventListener('input', renderRows);
  $('refresh').addEventListener('click', load);
  load();
} else {
  $('updated').textContent = 'Not signed in: put {"base", "token"} in sessionStorage "vps-admin.session".';
}
