/** Live article stream: latest N scored articles with per-target label chips. */
import type { ArticlePayload, ArticleTargetScore } from '../../../libs/contracts/src/events';
import { el, extLink } from './dom';
import { formatScore, formatTime } from './format';

/** Newest first by published time then id, deduped by id, at most `max`. */
export function mergeArticles(current: readonly ArticlePayload[], incoming: readonly ArticlePayload[], max = 50): ArticlePayload[] {
  const byId = new Map<number, ArticlePayload>();
  for (const a of current) byId.set(a.id, a);
  for (const a of incoming) if (a && typeof a.id === 'number') byId.set(a.id, a);
  const t = (a: ArticlePayload) => Date.parse(a.publishedAt) || 0;
  return [...byId.values()].sort((x, y) => t(y) - t(x) || y.id - x.id).slice(0, max);
}

export function labelClass(label: string | null | undefined): string {
  const l = (label ?? '').toLowerCase();
  return l === 'positive' ? 'pos' : l === 'negative' ? 'neg' : 'neu';
}

export function targetChip(t: ArticleTargetScore): HTMLElement {
  return el(
    'span',
    {
      class: `chip ${labelClass(t.label)}`,
      'data-testid': 'target-chip',
      'data-symbol': t.symbol,
      title: `${t.name ?? t.symbol}: ${t.label} ${formatScore(t.score)} (relevance ${Math.round((t.relevance ?? 0) * 100)}%)`,
    },
    el('span', { class: 'chip-sym' }, t.type === 'keyword' ? `#${t.symbol}` : t.symbol),
    ` ${t.label} ${formatScore(t.score)}`,
  );
}

export function renderArticle(a: ArticlePayload, focusSymbol?: string): HTMLElement {
  const focus = focusSymbol ? a.targets.find((t) => t.symbol === focusSymbol) : undefined;
  return el(
    'li',
    { class: 'article', 'data-testid': 'article-item', 'data-article-id': a.id },
    el(
      'div',
      { class: 'article-head' },
      el('time', { datetime: a.publishedAt }, formatTime(a.publishedAt)),
      el('span', { class: 'muted' }, a.source ?? ''),
      focus ? el('span', { class: `score ${labelClass(focus.label)}`, title: `${focus.symbol} score` }, `${focus.symbol} ${formatScore(focus.score)}`) : null,
    ),
    el('p', { class: 'article-title' }, extLink(a.url, a.title || '(untitled)')),
    a.targets.length ? el('div', { class: 'chips' }, ...a.targets.map(targetChip)) : null,
  );
}

export class ArticleStream {
  private articles: ArticlePayload[] = [];
  private readonly nodes = new Map<number, HTMLElement>();

  constructor(
    private readonly list: HTMLElement,
    private readonly empty: HTMLElement,
    private readonly max = 50,
  ) {}

  add(incoming: readonly ArticlePayload[], animate = true): void {
    this.articles = mergeArticles(this.articles, incoming, this.max);
    let ref = this.list.firstElementChild;
    for (const a of this.articles) {
      let node = this.nodes.get(a.id);
      if (!node) {
        node = renderArticle(a);
        if (animate) node.classList.add('is-new');
        this.nodes.set(a.id, node);
      }
      if (node === ref) ref = ref.nextElementSibling;
      else this.list.insertBefore(node, ref);
    }
    const keep = new Set(this.articles.map((a) => a.id));
    for (const [id, node] of this.nodes) {
      if (!keep.has(id)) {
        node.remove();
        this.nodes.delete(id);
      }
    }
    this.empty.hidden = this.articles.length > 0;
  }
}
