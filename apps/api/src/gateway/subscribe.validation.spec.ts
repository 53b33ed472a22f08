import { alertRooms, articleRooms, roomsFor } from './rooms';
import { MAX_SUBSCRIBE_BYTES, validateSubscribe } from './subscribe.validation';
import { originAllowed } from './socket-io.adapter';

describe('validateSubscribe', () => {
  it('accepts an empty subscription (everything) and cleans symbols', () => {
    expect(validateSubscribe(undefined)).toEqual({ ok: true, value: {} });
    expect(validateSubscribe({ symbols: [' nvda ', 'NVDA', 'avgo'], keywords: ['DeepSeek'], types: ['shock'], after: 12 })).toEqual({
      ok: true,
      value: { symbols: ['NVDA', 'AVGO'], keywords: ['DeepSeek'], types: ['shock'], after: 12 },
    });
  });

  it.each([
    ['a string', 'NVDA', 'must be an object'],
    ['an array', ['NVDA'], 'must be an object'],
    ['a bad symbol', { symbols: ['NV DA!'] }, 'symbols[0]'],
    ['symbols not an array', { symbols: 'NVDA' }, 'symbols must be an array'],
    ['an unknown type', { types: ['moon'] }, 'types[0]'],
    ['a negative after', { after: -1 }, 'after must be'],
    ['a fractional after', { after: 1.5 }, 'after must be'],
    ['an unknown field', { room: 'admin' }, 'unknown field room'],
    ['an oversized payload', { keywords: Array.from({ length: 99 }, () => 'x'.repeat(99)) }, `larger than ${MAX_SUBSCRIBE_BYTES}`],
  ])('rejects %s with a clear error', (_name, input, error) => {
    const r = validateSubscribe(input);
    expect(r.ok).toBe(false);
    expect((r as { error: string }).error).toContain(error);
  });
});

describe('rooms', () => {
  it('joins base rooms without a type filter, typed rooms with one', () => {
    expect(roomsFor({ symbols: ['NVDA'] })).toEqual({ base: ['symbol:NVDA'], joined: ['symbol:NVDA'] });
    expect(roomsFor({})).toEqual({ base: ['all'], joined: ['all'] });
    expect(roomsFor({ keywords: ['DeepSeek'], types: ['shock'] }).joined).toEqual(['keyword:deepseek#shock', 'keyword:deepseek#article']);
  });

  it('sends a keyword alert to its linked tickers’ rooms and to typed rooms', () => {
    const rooms = alertRooms({ id: 1, type: 'mention_spike', severity: 'warning', keyword: 'DeepSeek', linkedSymbols: ['NVDA'], title: '', message: '', articleIds: [], createdAt: '' });
    expect(rooms).toEqual(expect.arrayContaining(['all', 'keyword:deepseek', 'keyword:deepseek#mention_spike', 'symbol:NVDA', 'symbol:NVDA#mention_spike']));
    expect(rooms).not.toContain('symbol:NVDA#shock');
    const art = articleRooms({ id: 1, title: '', summary: '', url: null, source: null, publishedAt: '', storyId: null, label: null, sentiment: null, targets: [{ type: 'ticker', symbol: 'AVGO', label: 'negative', score: -0.5, relevance: 1 }] });
    expect(art).toEqual(expect.arrayContaining(['symbol:AVGO', 'symbol:AVGO#article', 'all']));
  });
});

describe('originAllowed', () => {
  it('allows non-browser clients, the same host, and configured origins only', () => {
    expect(originAllowed(undefined, '127.0.0.1:3000', [])).toBe(true);
    expect(originAllowed('http://127.0.0.1:3000', '127.0.0.1:3000', [])).toBe(true);
    expect(originAllowed('https://evil.example', '127.0.0.1:3000', [])).toBe(false);
    expect(originAllowed('https://desk.example', '127.0.0.1:3000', ['https://desk.example'])).toBe(true);
    expect(originAllowed('not a url', '127.0.0.1:3000', [])).toBe(false);
  });
});
