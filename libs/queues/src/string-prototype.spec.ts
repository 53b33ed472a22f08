import { setFlagsFromString } from 'node:v8';

// %HasFastProperties is V8's own answer to "is this object in dictionary mode?"; it needs the
// natives syntax, which can be switched on at run time for code compiled afterwards.
setFlagsFromString('--allow-natives-syntax');
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const hasFastProperties = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;

describe('keepStringPrototypeFast', () => {
  it('loading ioredis puts String.prototype in dictionary mode, and loading @seismo/queues takes it back out', async () => {
    expect(hasFastProperties(String.prototype)).toBe(true);
    await import('ioredis');
    // The cause (ioredis's `class VerbatimString extends String`): if this starts failing, ioredis has
    // stopped subclassing String and the guard may no longer be needed.
    expect(hasFastProperties(String.prototype)).toBe(false);
    await import('@seismo/queues');
    expect(hasFastProperties(String.prototype)).toBe(true);
  });

  it('once restored, a later heir of String.prototype no longer slows it, and calling again changes nothing', async () => {
    const { keepStringPrototypeFast } = await import('@seismo/queues');
    class Later extends String {}
    Object.create(String.prototype);
    expect(new Later('x').length).toBe(1);
    expect(hasFastProperties(String.prototype)).toBe(true);
    expect(hasFastProperties(String.prototype)).toBe(true);
    keepStringPrototypeFast();
    expect(hasFastProperties(String.prototype)).toBe(true);
    // Strings still work as strings.
    expect('Nvidia slumps'.slice(0, 6).toLowerCase()).toBe('nvidia');
  });
});
