/** Live alert feed: a deduped, newest-first list and its rendering (text only). */
import type { AlertPayload, EvidenceArticle } from '../../../libs/contracts/src/events';
import { el, extLink, uid } from './dom';
import { formatPct, formatScore, formatTime, formatValue, humanKey } from './format';

export interface MergeResult {
  /** Newest first (highest id first), at most `max`. */
  list: AlertPayload[];
  /** Ids that were not in `current` before and survived the cap. */
  added: number[];
}

/** Merges `incoming` into `current` by id (a later copy of an id replaces the earlier one). */
export function mergeAlerts(current: readonly AlertPayload[], incoming: readonly AlertPayload[], max = 200): MergeResult {
  const byId = new Map<number, AlertPayload>();
  for (const a of current) byId.set(a.id, a);
  const fresh = new Set<number>();
  for (const a of incoming) {
    if (!a || typeof a.id !== 'number' || !Number.isFinite(a.id)) continue;
    if (!byId.has(a.id)) fresh.add(a.id);
    byId.set(a.id, a);
  }
  const list = [...byId.values()].sort((x, y) => y.id - x.id).slice(0, max);
  const added = list.filter((a) => fresh.has(a.id)).map((a) => a.id);
  return { list, added };
}

/** The highest alert id seen: the `after` cursor for a replaying re-subscribe. */
export function maxAlertId(list: readonly AlertPayload[]): number | undefined {
  let max: number | undefined;
  for (const a of list) if (max === undefined || a.id > max) max = a.id;
  return max;
}

/** `NVDA`, `DeepSeek → NVDA, AVGO`, or `all`. */
export function alertTarget(a: AlertPayload): string {
  if (a.symbol && a.keyword) return `${a.symbol} · ${a.keyword}`;
  if (a.symbol) return a.symbol;
  if (a.keyword) return a.linkedSymbols?.length ? `${a.keyword} → ${a.linkedSymbols.join(', ')}` : a.keyword;
  return 'all';
}

/** Evidence other than the article list, flattened one level: `[['window mean', '-0.41'], …]`. */
export function evidenceFacts(evidence: AlertPayload['evidence'], changePct?: number | null): Array<[string, string]> {
  const facts: Array<[string, string]> = [];
  const seen = new Set<string>();
  const push = (label: string, value: string) => {
    if (seen.has(label)) return;
    seen.add(label);
    facts.push([label, value]);
  };
  for (const [key, value] of Object.entries(evidence ?? {})) {
    if (key === 'articles') continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k2, v2] of Object.entries(value as Record<string, unknown>)) push(`${humanKey(key)} · ${humanKey(k2)}`, formatValue(v2));
    } else if (/pct$/i.test(key) && typeof value === 'number') {
      push(humanKey(key), formatPct(value));
    } else {
      push(humanKey(key), formatValue(value));
    }
  }
  if (changePct !== null && changePct !== undefined && !seen.has('change pct')) push('change pct', formatPct(changePct));
  return facts;
}

export function evidenceArticles(evidence: AlertPayload['evidence']): EvidenceArticle[] {
  const list = evidence?.articles;
  return Array.isArray(list) ? list.filter((x) => x && typeof x === 'object') : [];
}

const TYPE_LABEL: Record<string, string> = {
  breaking: 'Breaking',
  sentiment_threshold: 'Sentiment threshold',
  sentiment_shift: 'Sentiment shift',
  mention_spike: 'Mention spike',
  price_move: 'Price move',
  shock: 'Shock',
};
export const typeLabel = (t: string): string => TYPE_LABEL[t] ?? humanKey(t);

function renderWhy(a: AlertPayload): HTMLElement {
  const articles = evidenceArticles(a.evidence);
  const facts = evidenceFacts(a.evidence, a.changePct);
  const box = el('div', { class: 'why' });
  if (a.message) box.appendChild(el('p', { class: 'why-message' }, a.message));
  if (facts.length) {
    box.appendChild(
      el('dl', { class: 'facts' }, ...facts.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    );
  }
  if (articles.length) {
    box.appendChild(
      el(
        'ul',
        { class: 'evidence' },
        ...articles.map((art) =>
          el(
            'li',
            {},
            extLink(art.url, art.title || '(untitled)'),
            el('span', { class: 'muted' }, ` — ${art.source ?? 'unknown source'}, ${formatTime(art.publishedAt)}`),
            typeof art.score === 'number' ? el('span', { class: `score ${art.score < 0 ? 'neg' : art.score > 0 ? 'pos' : ''}` }, ` ${formatScore(art.score)}`) : null,
          ),
        ),
      ),
    );
  }
  if (!facts.length && !articles.length && !a.message) box.appendChild(el('p', { class: 'muted' }, 'No evidence recorded.'));
  return box;
}

export function renderAlert(a: AlertPayload): HTMLElement {
  const whyId = uid('why');
  const when = a.eventTime ?? a.createdAt;
  const panel = el('div', { id: whyId, class: 'why-panel', hidden: true });
  const toggle = el(
    'button',
    { type: 'button', class: 'why-toggle', 'aria-expanded': 'false', 'aria-controls': whyId },
    'Why?',
  );
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    if (open && !panel.firstChild) panel.appendChild(renderWhy(a));
    panel.hidden = !open;
  });
  const numbers = [
    typeof a.score === 'number' ? `score ${formatScore(a.score)}` : null,
    typeof a.changePct === 'number' ? `price ${formatPct(a.changePct)}` : null,
  ].filter(Boolean);
  return el(
    'li',
    {
      class: `alert sev-${a.severity}`,
      'data-testid': 'alert-item',
      'data-alert-id': a.id,
      'data-symbol': a.symbol ?? '',
      'data-keyword': a.keyword ?? '',
      'data-type': a.type,
      'data-severity': a.severity,
    },
    el(
      'div',
      { class: 'alert-head' },
      el('span', { class: `sev sev-${a.severity}` }, a.severity),
      el('span', { class: 'target' }, alertTarget(a)),
      el('span', { class: 'type' }, typeLabel(a.type)),
      el('time', { datetime: when, title: new Date(when).toString() }, formatTime(when)),
    ),
    el('p', { class: 'alert-title' }, a.title),
    numbers.length ? el('p', { class: 'alert-numbers muted' }, numbers.join(' · ')) : null,
    toggle,
    panel,
  );
}

/** Keeps the feed list in order while preserving existing nodes (and their focus/expanded state). */
export class AlertFeed {
  private alerts: AlertPayload[] = [];
  private readonly nodes = new Map<number, HTMLElement>();
  private readonly listeners = new Set<(alerts: readonly AlertPayload[], added: readonly AlertPayload[]) => void>();

  constructor(
    private readonly list: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly max = 200,
  ) {}

  get all(): readonly AlertPayload[] {
    return this.alerts;
  }

  get lastId(): number | undefined {
    return maxAlertId(this.alerts);
  }

  onChange(fn: (alerts: readonly AlertPayload[], added: readonly AlertPayload[]) => void): void {
    this.listeners.add(fn);
  }

  add(incoming: readonly AlertPayload[], animate = true): void {
    const { list, added } = mergeAlerts(this.alerts, incoming, this.max);
    const replaced = incoming.filter((a) => !added.includes(a.id) && this.nodes.has(a.id));
    this.alerts = list;
    for (const a of replaced) {
      const old = this.nodes.get(a.id);
      if (old && !old.contains(document.activeElement)) {
        const fresh = renderAlert(a);
        old.replaceWith(fresh);
        this.nodes.set(a.id, fresh);
      }
    }
    const addedSet = new Set(added);
    // A reader at the top keeps seeing the newest; one scrolled down keeps their place.
    const atTop = this.list.scrollTop < 8;
    let ref = this.list.firstElementChild;
    for (const a of list) {
      let node = this.nodes.get(a.id);
      if (!node) {
        node = renderAlert(a);
        if (animate && addedSet.has(a.id)) node.classList.add('is-new');
        this.nodes.set(a.id, node);
      }
      if (node === ref) ref = ref.nextElementSibling;
      else this.list.insertBefore(node, ref);
    }
    const keep = new Set(list.map((a) => a.id));
    for (const [id, node] of this.nodes) {
      if (!keep.has(id)) {
        node.remove();
        this.nodes.delete(id);
      }
    }
    if (atTop && added.length) this.list.scrollTop = 0;
    this.empty.hidden = list.length > 0;
    if (added.length) {
      const addedAlerts = list.filter((a) => addedSet.has(a.id));
      for (const fn of this.listeners) fn(list, addedAlerts);
    }
  }
}
