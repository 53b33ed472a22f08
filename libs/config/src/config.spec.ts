import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/seismo');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.port).toBe(3000);
    expect(c.apiKey).toBeNull();
    expect(c.feedAllowHosts).toEqual([]);
    expect(c.workers).toEqual(['feeds', 'articles', 'prices', 'signals', 'deliveries']);
    expect(c.articlesBatchSize).toBe(500);
    expect(loadConfig({ SEISMO_ARTICLES_BATCH_SIZE: '50' }).articlesBatchSize).toBe(50);
  });

  it('parses lists and keyword links', () => {
    const c = loadConfig({ SEISMO_FEED_ALLOW_HOSTS: '127.0.0.1, 10.0.0.0/8', SEISMO_KEYWORDS: 'DeepSeek=nvda|AVGO' });
    expect(c.feedAllowHosts).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(c.watchlist.keywords).toEqual([{ term: 'DeepSeek', symbols: ['NVDA', 'AVGO'] }]);
  });

  it.each([
    ['PORT', 'http', 'PORT'],
    ['PORT', '70000', 'PORT must be at most 65535'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgresql or postgres URL'],
    ['REDIS_URL', 'nope', 'REDIS_URL'],
    ['SEISMO_API_KEY', 'short', 'SEISMO_API_KEY must be at least 16 characters'],
    ['SEISMO_WORKERS', 'feeds,bogus', 'SEISMO_WORKERS'],
    ['SEISMO_ARTICLES_BATCH_SIZE', '0', 'SEISMO_ARTICLES_BATCH_SIZE'],
    ['SEISMO_ARTICLES_BATCH_SIZE', '10000', 'SEISMO_ARTICLES_BATCH_SIZE must be at most 5000'],
  ])('refuses %s=%s naming the variable', (name, value, expected) => {
    let err: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toContain(expected);
  });
});
