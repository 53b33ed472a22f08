/** Configuration panel: watchlist (tickers, keywords), rules, feeds with health, snoozes. */
import { AlertTypes, type AlertType } from '../../../libs/contracts/src/events';
import { api, ApiError, type Feed, type Keyword, type Rule, type Snooze, type Ticker } from './api';
import { byId, el, extLink, setChildren, toast } from './dom';
import { formatTime, splitList } from './format';
import { typeLabel } from './alerts';

/** Example params per rule type, prefilled in the "add rule" form. */
export const DEFAULT_PARAMS: Record<AlertType, Record<string, unknown>> = {
  breaking: { minRelevance: 0.7, minAbsScore: 0.6 },
  sentiment_threshold: { threshold: -0.5, windowMinutes: 60, minCount: 3 },
  sentiment_shift: { windowMinutes: 60, baselineMinutes: 1440, minDelta: 0.4 },
  mention_spike: { windowMinutes: 60, baselineMinutes: 1440, ratio: 3, minMentions: 5 },
  price_move: { windowMinutes: 60, pct: 5 },
  shock: { windowMinutes: 240, minDelta: 0.3, pct: 5 },
};

/** Parses the params editor; throws a readable error for anything but a JSON object. */
export function parseParams(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (!trimmed) return {};
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (err) {
    throw new Error(`params is not valid JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('params must be a JSON object');
  return value as Record<string, unknown>;
}

export function keywordSymbols(k: Keyword): string[] {
  return (k.symbols ?? []).map((s) => (typeof s === 'string' ? s : s?.symbol)).filter((s): s is string => !!s);
}

function failMessage(err: unknown): string {
  if (err instanceof ApiError) return err.status === 401 ? 'Not authorised: set the API key.' : `${err.message} (HTTP ${err.status})`;
  return (err as Error)?.message ?? String(err);
}

/** Runs a change with its button disabled; errors become toasts. Returns false on failure. */
async function act(button: HTMLButtonElement | null, fn: () => Promise<unknown>): Promise<boolean> {
  if (button) button.disabled = true;
  try {
    await fn();
    return true;
  } catch (err) {
    toast(failMessage(err), 'error');
    return false;
  } finally {
    if (button) button.disabled = false;
  }
}

function submitter(ev: Event): HTMLButtonElement | null {
  return ((ev as SubmitEvent).submitter as HTMLButtonElement | null) ?? null;
}

export class ConfigPanel {
  tickers: Ticker[] = [];
  private keywords: Keyword[] = [];
  private rules: Rule[] = [];
  private feeds: Feed[] = [];
  private snoozes: Snooze[] = [];
  private readonly tickerListeners = new Set<(t: Ticker[]) => void>();

  constructor() {
    this.buildForms();
  }

  onTickers(fn: (t: Ticker[]) => void): void {
    this.tickerListeners.add(fn);
  }

  async loadAll(): Promise<void> {
    await Promise.all([this.loadTickers(), this.loadKeywords(), this.loadRules(), this.loadFeeds(), this.loadSnoozes()]);
  }

  private async load<T>(what: string, fn: () => Promise<T[]>, host: HTMLElement): Promise<T[] | null> {
    try {
      return await fn();
    } catch (err) {
      setChildren(host, el('li', { class: 'error' }, `Could not load ${what}: ${failMessage(err)}`));
      return null;
    }
  }

  // ---- tickers ----
  async loadTickers(): Promise<void> {
    const list = await this.load('tickers', api.tickers.list, byId('watchlist'));
    if (!list) return;
    this.tickers = [...list].sort((a, b) => a.symbol.localeCompare(b.symbol));
    this.renderTickers();
  }

  private renderTickers(): void {
    const host = byId('watchlist');
    setChildren(
      host,
      this.tickers.length ? null : el('li', { class: 'muted' }, 'No tickers yet.'),
      ...this.tickers.map((t) =>
        el(
          'li',
          { class: 'row', 'data-testid': 'watchlist-item', 'data-symbol': t.symbol },
          el('span', { class: 'sym' }, t.symbol),
          el('span', { class: 'grow muted' }, [t.name, t.aliases?.length ? `(${t.aliases.join(', ')})` : null].filter(Boolean).join(' ')),
          el(
            'button',
            {
              type: 'button',
              class: 'danger small',
              'aria-label': `Remove ${t.symbol}`,
              onclick: (ev: Event) =>
                void act(ev.currentTarget as HTMLButtonElement, async () => {
                  await api.tickers.remove(t.symbol);
                  this.tickers = this.tickers.filter((x) => x.symbol !== t.symbol);
                  this.renderTickers();
                  toast(`Removed ${t.symbol}`);
                }),
            },
            'Remove',
          ),
        ),
      ),
    );
    byId('symbol-options').replaceChildren(...this.tickers.map((t) => el('option', { value: t.symbol })));
    for (const fn of this.tickerListeners) fn(this.tickers);
  }

  // ---- keywords ----
  async loadKeywords(): Promise<void> {
    const list = await this.load('keywords', api.keywords.list, byId('keywords'));
    if (!list) return;
    this.keywords = list;
    this.renderKeywords();
  }

  private renderKeywords(): void {
    setChildren(
      byId('keywords'),
      this.keywords.length ? null : el('li', { class: 'muted' }, 'No keywords yet.'),
      ...this.keywords.map((k) =>
        el(
          'li',
          { class: 'row', 'data-testid': 'keyword-item', 'data-keyword-id': String(k.id) },
          el('span', { class: 'sym' }, k.term),
          el(
            'span',
            { class: 'grow muted' },
            [k.aliases?.length ? `aka ${k.aliases.join(', ')}` : '', keywordSymbols(k).length ? `→ ${keywordSymbols(k).join(', ')}` : '']
              .filter(Boolean)
              .join(' '),
          ),
          el(
            'button',
            {
              type: 'button',
              class: 'danger small',
              'aria-label': `Remove keyword ${k.term}`,
              onclick: (ev: Event) =>
                void act(ev.currentTarget as HTMLButtonElement, async () => {
                  await api.keywords.remove(k.id);
                  this.keywords = this.keywords.filter((x) => x.id !== k.id);
                  this.renderKeywords();
                }),
            },
            'Remove',
          ),
        ),
      ),
    );
  }

  // ---- rules ----
  async loadRules(): Promise<void> {
    const list = await this.load('rules', api.rules.list, byId('rules'));
    if (!list) return;
    this.rules = list;
    this.renderRules();
  }

  private renderRules(): void {
    setChildren(byId('rules'), this.rules.length ? null : el('li', { class: 'muted' }, 'No rules yet.'), ...this.rules.map((r) => this.ruleRow(r)));
  }

  private ruleRow(r: Rule): HTMLElement {
    const params = el('textarea', { rows: 2, spellcheck: 'false', class: 'mono', 'aria-label': `Params of rule ${r.id}` });
    params.value = JSON.stringify(r.params ?? {});
    const cooldown = el('input', { type: 'number', min: 0, step: 1, value: r.cooldownSeconds ?? '', 'aria-label': `Cooldown seconds of rule ${r.id}`, class: 'num' });
    const enabled = el('input', { type: 'checkbox', checked: r.enabled !== false, 'aria-label': `Rule ${r.id} enabled` });
    const replace = (updated: Rule | undefined, patch: Partial<Rule>) => {
      this.rules = this.rules.map((x) => (x.id === r.id ? { ...x, ...patch, ...(updated ?? {}) } : x));
      this.renderRules();
    };
    enabled.addEventListener('change', () => {
      void act(null, async () => {
        const updated = await api.rules.update(r.id, { enabled: enabled.checked });
        replace(updated, { enabled: enabled.checked });
      }).then((ok) => {
        if (!ok) enabled.checked = !enabled.checked;
      });
    });
    const save = el('button', { type: 'button', class: 'small' }, 'Save');
    save.addEventListener('click', () => {
      let parsed: Record<string, unknown>;
      try {
        parsed = parseParams(params.value);
      } catch (err) {
        toast((err as Error).message, 'error');
        params.focus();
        return;
      }
      const patch: Partial<Rule> = { params: parsed };
      if (cooldown.value !== '') patch.cooldownSeconds = Number(cooldown.value);
      void act(save, async () => {
        const updated = await api.rules.update(r.id, patch);
        replace(updated, patch);
        toast(`Rule ${r.id} saved`);
      });
    });
    const del = el('button', { type: 'button', class: 'danger small', 'aria-label': `Delete rule ${r.id}` }, 'Delete');
    del.addEventListener('click', () =>
      void act(del, async () => {
        await api.rules.remove(r.id);
        this.rules = this.rules.filter((x) => x.id !== r.id);
        this.renderRules();
      }),
    );
    return el(
      'li',
      { class: `rule ${r.enabled === false ? 'disabled' : ''}`, 'data-testid': 'rule-item', 'data-rule-id': String(r.id), 'data-type': r.type },
      el(
        'div',
        { class: 'rule-head' },
        el('label', { class: 'inline' }, enabled, el('span', { class: 'sym' }, typeLabel(r.type))),
        el('span', { class: 'muted grow' }, r.symbol ?? r.keyword ?? 'all targets'),
        el('label', { class: 'inline' }, el('span', { class: 'muted' }, 'cooldown s'), cooldown),
      ),
      params,
      el('div', { class: 'actions' }, save, del),
    );
  }

  // ---- feeds ----
  async loadFeeds(): Promise<void> {
    const list = await this.load('feeds', api.feeds.list, byId('feeds'));
    if (!list) return;
    this.feeds = list;
    this.renderFeeds();
  }

  private renderFeeds(): void {
    setChildren(
      byId('feeds'),
      this.feeds.length ? null : el('li', { class: 'muted' }, 'No feeds yet.'),
      ...this.feeds.map((f) => {
        const healthy = !f.lastError && (f.errorCount ?? 0) === 0;
        const poll = el('input', { type: 'number', min: 10, step: 1, value: f.pollSeconds, class: 'num', 'aria-label': `Poll seconds of ${f.url}` });
        poll.addEventListener('change', () =>
          void act(null, async () => {
            const updated = await api.feeds.update(f.id, { pollSeconds: Number(poll.value) });
            this.feeds = this.feeds.map((x) => (x.id === f.id ? { ...x, ...(updated ?? {}), pollSeconds: updated?.pollSeconds ?? Number(poll.value) } : x));
            toast('Poll interval saved');
          }),
        );
        const del = el('button', { type: 'button', class: 'danger small', 'aria-label': `Remove feed ${f.title ?? f.url}` }, 'Remove');
        del.addEventListener('click', () =>
          void act(del, async () => {
            await api.feeds.remove(f.id);
            this.feeds = this.feeds.filter((x) => x.id !== f.id);
            this.renderFeeds();
          }),
        );
        return el(
          'li',
          { class: `feed ${healthy ? 'ok' : 'bad'}`, 'data-testid': 'feed-item', 'data-feed-id': String(f.id) },
          el(
            'div',
            { class: 'row' },
            el('span', { class: `dot ${healthy ? 'ok' : 'bad'}`, 'aria-hidden': 'true' }),
            el('span', { class: 'grow feed-title' }, f.title ? [f.title, ' ', el('span', { class: 'muted' }, '·'), ' '] : null, extLink(f.url, f.url)),
            del,
          ),
          el(
            'div',
            { class: 'row muted small-text' },
            el('span', {}, `${healthy ? 'healthy' : 'failing'}`),
            el('span', {}, `fetched ${formatTime(f.lastFetchedAt)}`),
            f.lastStatus !== null && f.lastStatus !== undefined ? el('span', {}, `status ${f.lastStatus}`) : null,
            el('span', {}, `${f.itemsSeen ?? 0} items`),
            el('span', {}, `${f.errorCount ?? 0} errors`),
            el('label', { class: 'inline' }, 'every', poll, 's'),
          ),
          f.lastError ? el('p', { class: 'error small-text' }, f.lastError) : null,
        );
      }),
    );
  }

  // ---- snoozes ----
  async loadSnoozes(): Promise<void> {
    const list = await this.load('snoozes', api.snoozes.list, byId('snoozes'));
    if (!list) return;
    this.snoozes = list.filter((s) => !s.until || Date.parse(s.until) > Date.now());
    this.renderSnoozes();
  }

  private renderSnoozes(): void {
    setChildren(
      byId('snoozes'),
      this.snoozes.length ? null : el('li', { class: 'muted' }, 'Nothing snoozed.'),
      ...this.snoozes.map((s) => {
        const del = el('button', { type: 'button', class: 'small', 'aria-label': `Unsnooze ${s.target}` }, 'Unsnooze');
        del.addEventListener('click', () =>
          void act(del, async () => {
            await api.snoozes.remove(s.id);
            this.snoozes = this.snoozes.filter((x) => x.id !== s.id);
            this.renderSnoozes();
          }),
        );
        return el(
          'li',
          { class: 'row', 'data-testid': 'snooze-item' },
          el('span', { class: 'sym' }, s.target),
          el('span', { class: 'grow muted' }, `${s.targetType} until ${formatTime(s.until)}`),
          del,
        );
      }),
    );
  }

  // ---- forms ----
  private buildForms(): void {
    const tickerForm = byId<HTMLFormElement>('ticker-form');
    tickerForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = new FormData(tickerForm);
      const symbol = String(data.get('symbol') ?? '').trim().toUpperCase();
      if (!symbol) return toast('Enter a symbol', 'error');
      const name = String(data.get('name') ?? '').trim();
      const aliases = splitList(String(data.get('aliases') ?? ''));
      void act(submitter(ev), async () => {
        const created = await api.tickers.create({ symbol, ...(name ? { name } : {}), ...(aliases.length ? { aliases } : {}) });
        const t: Ticker = created && typeof created === 'object' && 'symbol' in created ? created : { symbol, name, aliases };
        this.tickers = [...this.tickers.filter((x) => x.symbol !== t.symbol), t].sort((a, b) => a.symbol.localeCompare(b.symbol));
        this.renderTickers();
        tickerForm.reset();
        toast(`Watching ${t.symbol}`);
      });
    });

    const keywordForm = byId<HTMLFormElement>('keyword-form');
    keywordForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = new FormData(keywordForm);
      const term = String(data.get('term') ?? '').trim();
      if (!term) return toast('Enter a keyword', 'error');
      const aliases = splitList(String(data.get('aliases') ?? ''));
      const symbols = splitList(String(data.get('symbols') ?? '')).map((s) => s.toUpperCase());
      void act(submitter(ev), async () => {
        const created = await api.keywords.create({ term, ...(aliases.length ? { aliases } : {}), ...(symbols.length ? { symbols } : {}) });
        this.keywords = [...this.keywords, created ?? { id: term, term, aliases, symbols }];
        this.renderKeywords();
        keywordForm.reset();
      });
    });

    const ruleForm = byId<HTMLFormElement>('rule-form');
    const typeSelect = ruleForm.elements.namedItem('type') as HTMLSelectElement;
    const paramsInput = ruleForm.elements.namedItem('params') as HTMLTextAreaElement;
    setChildren(typeSelect, ...AlertTypes.map((t) => el('option', { value: t }, typeLabel(t))));
    const fillParams = () => (paramsInput.value = JSON.stringify(DEFAULT_PARAMS[typeSelect.value as AlertType] ?? {}));
    typeSelect.addEventListener('change', fillParams);
    fillParams();
    ruleForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = new FormData(ruleForm);
      let params: Record<string, unknown>;
      try {
        params = parseParams(String(data.get('params') ?? ''));
      } catch (err) {
        toast((err as Error).message, 'error');
        return paramsInput.focus();
      }
      const symbol = String(data.get('symbol') ?? '').trim().toUpperCase();
      const keyword = String(data.get('keyword') ?? '').trim();
      const cooldown = String(data.get('cooldownSeconds') ?? '').trim();
      const body: Omit<Rule, 'id'> = {
        type: typeSelect.value as AlertType,
        params,
        enabled: true,
        ...(symbol ? { symbol } : {}),
        ...(keyword ? { keyword } : {}),
        ...(cooldown ? { cooldownSeconds: Number(cooldown) } : {}),
      };
      void act(submitter(ev), async () => {
        const created = await api.rules.create(body);
        if (created && typeof created === 'object' && 'id' in created) this.rules = [...this.rules, created];
        else await this.loadRules();
        this.renderRules();
        ruleForm.reset();
        fillParams();
      });
    });

    const feedForm = byId<HTMLFormElement>('feed-form');
    feedForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = new FormData(feedForm);
      const url = String(data.get('url') ?? '').trim();
      const poll = String(data.get('pollSeconds') ?? '').trim();
      void act(submitter(ev), async () => {
        const created = await api.feeds.create({ url, ...(poll ? { pollSeconds: Number(poll) } : {}) });
        if (created && typeof created === 'object' && 'id' in created) this.feeds = [...this.feeds.filter((f) => f.id !== created.id), created];
        else await this.loadFeeds();
        this.renderFeeds();
        feedForm.reset();
      });
    });
    byId('feeds-refresh').addEventListener('click', (ev) => void act(ev.currentTarget as HTMLButtonElement, () => this.loadFeeds()));

    const snoozeForm = byId<HTMLFormElement>('snooze-form');
    snoozeForm.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const data = new FormData(snoozeForm);
      const targetType = String(data.get('targetType')) === 'keyword' ? 'keyword' : 'ticker';
      const raw = String(data.get('target') ?? '').trim();
      const target = targetType === 'ticker' ? raw.toUpperCase() : raw;
      const minutes = Number(data.get('minutes') ?? 60);
      if (!target) return toast('Enter what to snooze', 'error');
      void act(submitter(ev), async () => {
        const created = await api.snoozes.create({ targetType, target, minutes });
        if (created && typeof created === 'object' && 'id' in created) this.snoozes = [...this.snoozes, created];
        else await this.loadSnoozes();
        this.renderSnoozes();
        snoozeForm.reset();
        toast(`Snoozed ${target} for ${minutes} min`);
      });
    });
  }
}
