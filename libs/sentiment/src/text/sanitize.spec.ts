import { cleanText, MAX_TEXT_CHARS } from './sanitize';

describe('cleanText', () => {
  it('strips markup, scripts and comments and decodes entities', () => {
    const { text } = cleanText('<div><p>Apple&nbsp;&amp; Nvidia <b>rise</b></p><script>var x = "fell";</script><!-- note --> &#8212; &#x2014;</div>');
    expect(text.replace(/\s+/g, ' ').trim()).toBe('Apple & Nvidia rise — —');
  });


  it('truncates to the documented limit and says so', () => {
    const r = cleanText('x'.repeat(MAX_TEXT_CHARS * 10));
    expect(r.text.length).toBe(MAX_TEXT_CHARS);
    expect(r.truncated).toBe(true);
    expect(cleanText('short').truncated).toBe(false);
  });

  it('accepts non-strings', () => {
    expect(cleanText(undefined).text).toBe('');
    expect(cleanText(42).text).toBe('42');
  });
});
