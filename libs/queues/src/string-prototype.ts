/**
 * Keeps `String.prototype` in V8's fast mode once ioredis is loaded.
 *
 * ioredis declares `class VerbatimString extends String` (its RESP3 decoder). Giving
 * `String.prototype` a new heir makes V8 set it up as a prototype: it is normalised to a
 * dictionary of properties, and V8 only turns a prototype back to fast properties when an
 * inline cache loads a property through an *object* whose chain holds it. Strings are
 * primitives, so in a Seismo process nothing ever did. With `String.prototype` in dictionary
 * mode the optimising compiler cannot see which function `s.charCodeAt`, `s.slice` or
 * `s.toLowerCase` is, and every such call stays a generic call instead of inlined code. The
 * sentiment scorer, the tokenizers and the feed parsers are made of such calls: the scorer ran
 * about 25 % slower in any process that had loaded ioredis (docs/benchmarks.md).
 *
 * A few property loads through a `String` wrapper object from a function with an inline cache
 * make V8 mark the prototype as one that should be fast and convert it back; once so marked, a later
 * heir no longer normalises it. It is idempotent and costs microseconds. `libs/queues/src/redis.ts`
 * runs it as soon as ioredis is loaded, so every Seismo process that talks to Redis has it.
 */
export function keepStringPrototypeFast(): void {
  // A wrapper object, not Object.create(String.prototype): creating a new heir is what normalises it.
  // eslint-disable-next-line no-new-wrappers
  const receiver: object = new String('');
  // The first calls of a function run without inline-cache feedback (V8 allocates it lazily).
  for (let i = 0; i < 100; i++) loadThrough(receiver);
}

function loadThrough(o: object): unknown {
  return (o as { slice?: unknown }).slice;
}
