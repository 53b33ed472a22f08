/** pg's own parameter serialisation (untyped in @types/pg): the text a value is sent as. */
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
