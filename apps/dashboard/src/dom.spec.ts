import { el, safeHref } from './dom';
import { formatPct, formatScore, humanKey, splitList } from './format';

describe('safeHref', () => {
  it('allows http and https only', () => {
    expect(safeHref('https://www.reuters.com/a?b=1')).toBe('https://www.reuters.com/a?b=1');
    expect(safeHref('http://example.test/x')).toBe('http://example.test/x');
    expect(safeHref('/api/docs')).toBe('/api/docs');
    for (const bad of [
      'javascript:alert(1)',
      ' JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://x.test/',
      '',
      '   ',
      null,
      undefined,
      42,
      'not a url',
    ]) {
      expect(safeHref(bad)).toBeNull();
    }
  });

  it('resolves relative links against a base and still checks the scheme', () => {
    expect(safeHref('story/1', 'https://news.test/feed/')).toBe('https://news.test/feed/story/1');
    expect(safeHref('//cdn.test/x', 'https://news.test/')).toBe('https://cdn.test/x');
    expect(safeHref('javascript:alert(1)', 'https://news.test/')).toBeNull();
  });
});

/** A minimal stand-in for `document`: assigning innerHTML anywhere fails the test. */
class FakeNode {
  children: FakeNode[] = [];
  attrs = new Map<string, string>();
  listeners = new Map<string, unknown>();
  className = '';
  constructor(
    readonly tag: string,
    readonly text?: string,
  ) {}
  set innerHTML(_v: string) {
    throw new Error('innerHTML used');
  }
  appendChild(n: FakeNode) {
    this.children.push(n);
    return n;
  }
  setAttribute(k: string, v: string) {
    this.attrs.set(k, v);
  }
  addEventListener(k: string, fn: unknown) {
    this.listeners.set(k, fn);
  }
  get textContent(): string {
    return this.text ?? this.children.map((c) => c.textContent).join('');
  }
}

describe('el', () => {
  const g = globalThis as unknown as { document?: unknown };
  beforeAll(() => {
    g.document = { createElement: (t: string) => new FakeNode(t), createTextNode: (s: string) => new FakeNode('#text', s) };
  });
  afterAll(() => {
    delete g.document;
  });

  it('turns markup in strings into text nodes, literally', () => {
    const evil = '<img src=x onerror=alert(1)><script>alert(1)</script>';
    const node = el('p', { class: 'title' }, evil, 3) as unknown as FakeNode;
    expect(node.children.map((c) => c.tag)).toEqual(['#text', '#text']);
    expect(node.textContent).toBe(`${evil}3`);
    expect(node.className).toBe('title');
  });

  it('drops non-http hrefs and refuses inline handler attributes', () => {
    const bad = el('a', { href: 'javascript:alert(1)' }) as unknown as FakeNode;
    expect(bad.attrs.has('href')).toBe(false);
    const good = el('a', { href: 'https://x.test/' }) as unknown as FakeNode;
    expect(good.attrs.get('href')).toBe('https://x.test/');
    expect(() => el('div', { onclick: 'alert(1)' })).toThrow(/inline handler/);
    const fn = () => {};
    const withHandler = el('button', { onclick: fn }) as unknown as FakeNode;
    expect(withHandler.listeners.get('click')).toBe(fn);
  });
});

describe('format', () => {
  it('signs scores and percentages with a real minus', () => {
    expect(formatScore(0.123)).toBe('+0.12');
    expect(formatScore(-0.5)).toBe('−0.50');
    expect(formatScore(null)).toBe('—');
    expect(formatPct(-16.97)).toBe('−16.97%');
  });

  it('humanises evidence keys and splits lists', () => {
    expect(humanKey('windowMean')).toBe('window mean');
    expect(humanKey('baseline_count')).toBe('baseline count');
    expect(splitList(' NVDA, avgo ,,\nTSM ')).toEqual(['NVDA', 'avgo', 'TSM']);
  });
});
