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

// The streaming reader keeps what rss-parser (over xml2js) read from these shapes.
describe('parseFeed, the XML rules it keeps', () => {
  const rss = (items: string, attrs = '') =>
    `<?xml version="1.0"?><rss version="2.0"${attrs}><channel><title>T</title><link>https://e.com/</link>${items}</channel></rss>`;
  const atom = (entries: string, head = '') =>
    `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>${head}${entries}</feed>`;

  it('takes an Atom link with rel="alternate", else the first link, and the feed self link, else the second', async () => {
    const feed = await parseFeed(
      atom(
        `<entry><id>1</id><link rel="related" href="https://e.com/rel"/><link rel="alternate" href="https://e.com/alt"/></entry>` +
          `<entry><id>2</id><link rel="edit" href="https://e.com/edit"/><link rel="enclosure" href="https://e.com/enc"/></entry>` +
          `<entry><id>3</id><link rel="ALTERNATE" href="  https://e.com/upper  "/></entry><entry><id>4</id><title>t</title></entry>`,
        '<link href="https://e.com/home"/><link href="https://e.com/second"/>',
      ),
    );
    expect(feed.items.map((i) => i.link)).toEqual(['https://e.com/alt', 'https://e.com/edit', 'https://e.com/upper', null]);
    expect(feed).toMatchObject({ link: 'https://e.com/home', self: 'https://e.com/second' });
  });

  it('says an Atom feed with a link without attributes, an empty entry or an unreadable date is malformed', async () => {
    for (const doc of [
      atom('<entry><id>1</id><link>https://e.com/bare</link></entry>'),
      atom('<entry/>'),
      atom('<entry><id>1</id><published><![CDATA[garbage]]></published></entry>'),
    ]) {
      await expect(parseFeed(doc)).rejects.toMatchObject({ code: 'malformed', message: 'XML document is malformed: unexpected feed structure' });
    }
    // A bare link after the alternate one was never looked at.
    const ok = await parseFeed(atom('<entry><id>1</id><link rel="alternate" href="https://e.com/a"/><link>x</link></entry>'));
    expect(ok.items[0].link).toBe('https://e.com/a');
  });

  it('reads CDATA as text, keeps whitespace-only CDATA out and keeps the line ends as written', async () => {
    const feed = await parseFeed(
      rss(
        '<item><title>Pre <![CDATA[R&D <b>up</b>]]> post</title><guid><![CDATA[  ]]></guid><link>https://e.com/1</link>' +
          '<description>a\r\nb<!-- c --><![CDATA[c]]></description></item>',
      ),
    );
    expect(feed.items[0]).toMatchObject({ title: 'Pre R&D <b>up</b> post', guid: null, summary: 'a\r\nbc' });
  });

  it('reads markup inside a text element as rss-parser did: own text first, else the element written out', async () => {
    const feed = await parseFeed(
      rss(
        '<item><title>Hi <b>there</b></title><description><p class="x">One &amp; <b>two</b></p><br/><p>three</p></description></item>' +
          '<item><title><b>only</b></title><description>text <b>bold</b> tail</description></item>',
      ),
    );
    expect(feed.items[0]).toMatchObject({ title: 'Hi ', summary: '<div><p class="x">One &amp; <b>two</b></p><p>three</p><br/></div>' });
    expect(feed.items[1]).toMatchObject({ title: null, summary: 'text  tail' });
    const xhtml = await parseFeed(
      atom('<entry><id>1</id><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>x</b></p></div></content></entry>'),
    );
    expect(xhtml.items[0].summary).toBe('<div type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>x</b></p></div></div>');
  });

  it('reads RDF items outside the channel only, with rdf:about as the guid', async () => {
    const feed = await parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="x"><title>c</title><item rdf:about="in"><title>inside</title></item></channel>
<item rdf:about="  https://e.com/out  "><title>outside</title></item></rdf:RDF>`);
    expect(feed.items).toEqual([expect.objectContaining({ title: 'outside', guid: 'https://e.com/out' })]);
  });

  it('takes the first of repeated elements, dc:creator before author, and categories with text', async () => {
    const feed = await parseFeed(
      rss(
        '<item><title></title><title>second</title><dc:title>dc</dc:title><guid>g</guid><guid>h</guid><author>a@e.com</author>' +
          '<dc:creator>Ann</dc:creator><pubDate>nonsense</pubDate><dc:date>2025-01-02T03:04:05Z</dc:date><dc:language>fr</dc:language>' +
          '<category domain="d">Markets</category><category/><category><![CDATA[Tech]]></category></item>',
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
      ),
    );
    expect(feed.items[0]).toEqual({
      guid: 'g', link: null, title: null, summary: null, published: 'nonsense', author: 'Ann', language: 'fr', categories: ['Markets', 'Tech'],
    });
  });

  it('reports where a document breaks, as line and column, and ignores what follows the root', async () => {
    const doc = '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<title>x</title>\n<item>\n<title>t</titl>\n</item></channel></rss>';
    await expect(parseFeed(doc)).rejects.toMatchObject({ code: 'malformed', message: 'XML document is malformed: unexpected close tag (line 6, column 15)' });
    await expect(parseFeed('<rss version="2.0"><channel><title>x</title>')).rejects.toMatchObject({
      message: 'XML document is malformed: unclosed root tag (line 1, column 44)',
    });
    const after = await parseFeed('<rss version="2.0"><channel><title>x</title></channel></rss>junk </x>');
    expect(after.title).toBe('x');
  });

  it('accepts what sax accepted: control characters, "]]>" in text, an odd XML declaration, duplicate attributes', async () => {
    const feed = await parseFeed(
      `<?xml version="2.0" encoding="bogus enc"?><rss version="2.0"><channel><title>a\u0001b ]]> c</title><item a="1" a="2"><title>t</title></item></channel></rss>`,
    );
    expect(feed.title).toBe('a\u0001b ]]> c');
    expect(feed.items).toHaveLength(1);
  });

  it('gives an RSS document without a channel no items, and says an empty root is no feed', async () => {
    expect((await parseFeed('<rss version="2.0"><item><title>x</title></item></rss>')).items).toEqual([]);
    await expect(parseFeed('<rss></rss>')).rejects.toMatchObject({ code: 'not_a_feed' });
    await expect(parseFeed('<RSS version="2.0"><channel><title>x</title></channel></RSS>')).rejects.toMatchObject({ code: 'not_a_feed' });
  });
});
