import { buildQuery, errorMessage } from './api';
import { keywordSymbols, parseParams } from './config';
import { subscribePayload } from './socket';

describe('buildQuery', () => {
  it('keeps defined values and encodes them', () => {
    expect(buildQuery({ symbol: 'BRK.B', after: 0, keyword: '', type: undefined, limit: null })).toBe('?symbol=BRK.B&after=0');
    expect(buildQuery({ keyword: 'a&b c' })).toBe('?keyword=a%26b+c');
    expect(buildQuery()).toBe('');
  });
});

describe('errorMessage', () => {
  it('reads Nest-style bodies', () => {
    expect(errorMessage(400, { message: ['symbol must be uppercase', 'name too long'] })).toBe('symbol must be uppercase; name too long');
    expect(errorMessage(404, { message: 'Rule 9 not found' })).toBe('Rule 9 not found');
    expect(errorMessage(502, '')).toBe('HTTP 502');
  });
});

describe('parseParams', () => {
  it('accepts a JSON object (or nothing) and explains anything else', () => {
    expect(parseParams('{"threshold": -0.5}')).toEqual({ threshold: -0.5 });
    expect(parseParams('  ')).toEqual({});
    expect(() => parseParams('[1]')).toThrow(/JSON object/);
    expect(() => parseParams('{threshold: 1}')).toThrow(/not valid JSON/);
  });
});

describe('keywordSymbols', () => {
  it('accepts linked tickers as strings or objects', () => {
    expect(keywordSymbols({ id: 1, term: 'DeepSeek', symbols: ['NVDA', { symbol: 'AVGO' }] })).toEqual(['NVDA', 'AVGO']);
    expect(keywordSymbols({ id: 2, term: 'tariffs' })).toEqual([]);
  });
});

describe('subscribePayload', () => {
  it('asks for everything, replaying after the last id seen', () => {
    expect(subscribePayload(undefined)).toEqual({});
    expect(subscribePayload(42)).toEqual({ after: 42 });
    expect(subscribePayload(0, { symbols: ['NVDA'] })).toEqual({ symbols: ['NVDA'], after: 0 });
  });
});
