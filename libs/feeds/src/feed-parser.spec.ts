import { FeedError } from './feed-error';
import { parseFeed } from './feed-parser';
import { billionLaughs, parameterEntity, quadraticBlowup, xxe } from './testing/hostile-documents';

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">
  <title type="text">Markets &amp; Money</title>
  <link rel="alternate" href="https://news.example.com/"/>
  <link rel="self" href="https://news.example.com/atom.xml"/>
  <link rel="hub" href="https://pubsubhubbub.appspot.com/"/>
  <entry>
    <id>tag:news.example.com,2025:1</id>
    <title>Nvidia sheds $600bn</title>
    <link href="https://news.example.com/nvidia?utm_source=rss#top"/>
    <published>2025-01-27T20:22:00Z</published>
    <summary type="html">&lt;p&gt;Shares &lt;b&gt;fell&lt;/b&gt; 17%&lt;/p&gt;</summary>
  </entry>
</feed>`;

const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://example.org/"><title>RDF feed</title><link>https://example.org/</link><dc:language>de</dc:language></channel>
  <item rdf:about="https://example.org/1"><title>Eins</title><link>https://example.org/1</link><dc:date>2025-01-27T08:00:00+01:00</dc:date></item>
</rdf:RDF>`;

describe('parseFeed', () => {
  it('reads Atom with WebSub hub and self links', async () => {
    const feed = await parseFeed(atom);
    expect(feed).toMatchObject({
      format: 'atom',
      title: 'Markets & Money',
      language: 'en-GB',
      hub: 'https://pubsubhubbub.appspot.com/',
      self: 'https://news.example.com/atom.xml',
    });
    expect(feed.items).toEqual([
      expect.objectContaining({
        guid: 'tag:news.example.com,2025:1',
        title: 'Nvidia sheds $600bn',
        link: 'https://news.example.com/nvidia?utm_source=rss#top',
        published: '2025-01-27T20:22:00.000Z',
        summary: '<p>Shares <b>fell</b> 17%</p>',
      }),
    ]);
  });

  it('keeps an Atom entry whose date cannot be read', async () => {
    const doc = atom.replace('2025-01-27T20:22:00Z', '27/01/2025 kl. 20');
    const feed = await parseFeed(doc);
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0].published).toBeNull();
  });

  it('reads XML served with a JSON content type as XML', async () => {
    expect((await parseFeed(atom, { contentType: 'application/json' })).format).toBe('atom');
  });

  it('reads RSS 1.0 (RDF) with dc:date', async () => {
    const feed = await parseFeed(rdf);
    expect(feed.format).toBe('rdf');
    expect(feed.items[0]).toMatchObject({ guid: 'https://example.org/1', title: 'Eins', published: '2025-01-27T07:00:00.000Z' });
  });

  it('reads RSS 0.91 with a DOCTYPE and HTML entities, and RSS with stray ampersands', async () => {
    const rss091 = `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>AT&T &amp; Caf&eacute;&nbsp;News</title>
<item><title>Q&A: rates</title><link>https://example.com/?a=1&b=2</link></item></channel></rss>`;
    const feed = await parseFeed(rss091);
    expect(feed.title).toBe('AT&T & Café News');
    expect(feed.items[0]).toMatchObject({ title: 'Q&A: rates', link: 'https://example.com/?a=1&b=2' });
  });

  it('reads JSON Feed 1.1', async () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON News',
      home_page_url: 'https://json.example.com/',
      feed_url: 'https://json.example.com/feed.json',
      language: 'en',
      hubs: [{ type: 'WebSub', url: 'https://hub.example.com/' }],
      items: [{ id: '42', url: 'https://json.example.com/42', title: 'AVGO drops', content_html: '<p>x</p>', date_published: '2025-01-27T15:00:00Z', tags: ['chips'] }],
    });
    const feed = await parseFeed(json, { contentType: 'application/feed+json' });
    expect(feed).toMatchObject({ format: 'json', title: 'JSON News', hub: 'https://hub.example.com/', self: 'https://json.example.com/feed.json' });
    expect(feed.items[0]).toMatchObject({ guid: '42', title: 'AVGO drops', summary: '<p>x</p>', categories: ['chips'], language: 'en' });
  });

  it.each([
    ['an HTML page', '<!doctype html><html><body><p>Welcome</p></body></html>'],
    ['an HTML page without doctype', '<html><head><title>x</title></head></html>'],
    ['another XML vocabulary', '<?xml version="1.0"?><note><to>you</to></note>'],
    ['plain text', 'Service Unavailable'],
    ['an empty body', '   '],
    ['JSON that is no JSON Feed', '{"hello":"world"}'],
  ])('says %s is not a feed', async (_what, text) => {
    await expect(parseFeed(text)).rejects.toMatchObject({ code: 'not_a_feed', message: expect.stringMatching(/^not an RSS/) });
  });

  it.each([
    ['truncated XML', '<rss version="2.0"><channel><title>Cut</title><item><title>Half'],
    ['mismatched tags', '<rss version="2.0"><channel><title>x</channel></rss>'],
    ['broken JSON', '{"version":"https://jsonfeed.org/version/1", "items": ['],
  ])('says %s is malformed', async (_what, text) => {
    const err = await parseFeed(text).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FeedError);
    expect(err).toMatchObject({ code: 'malformed', retryable: false, message: expect.stringMatching(/(XML|JSON) document is malformed: /) });
  });

  it('refuses billion laughs without expanding it', async () => {
    const before = process.memoryUsage().heapUsed;
    await expect(parseFeed(billionLaughs())).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('refused for safety') });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses external and parameter entities, so nothing is fetched or read (XXE)', async () => {
    for (const doc of [xxe(), xxe('http://169.254.169.254/latest/meta-data/'), parameterEntity()]) {
      const err = (await parseFeed(doc).catch((e: unknown) => e)) as FeedError;
      expect(err.code).toBe('malformed');
      expect(err.message).toMatch(/(external|parameter) entity/);
      expect(err.message).not.toMatch(/root:|ami-id/);
    }
  });

  it('caps the expansion of a plain internal entity', async () => {
    await expect(parseFeed(quadraticBlowup())).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('entity expansion exceeds 1 MiB') });
  });

  it('expands a small internal entity and leaves CDATA alone', async () => {
    const doc = `<!DOCTYPE rss [ <!ENTITY co "Seismo Inc."> ]>
<rss version="2.0"><channel><title>&co;</title><item><title><![CDATA[R&D at &co; <b>up</b>]]></title><guid>g</guid></item></channel></rss>`;
    const feed = await parseFeed(doc);
    expect(feed.title).toBe('Seismo Inc.');
    expect(feed.items[0].title).toBe('R&D at &co; <b>up</b>');
  });
});
