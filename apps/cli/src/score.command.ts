import { createInterface } from 'node:readline';
import { scoreRequests, SentimentEngine } from '@seismo/sentiment';

/**
 * `npm run cli -- score`: JSON lines `{"id","text","targets"?}` on stdin, one JSON line per input on
 * stdout. A line that is not valid input gets `{"id", "error"}` and the stream goes on.
 */
export async function scoreCommand(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<{ lines: number; errors: number }> {
  const engine = new SentimentEngine();
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lines = 0;
  let errors = 0;
  for await (const raw of rl) {
    const line = raw.trim();
    if (!line) continue;
    lines++;
    let req: unknown;
    try {
      req = JSON.parse(line);
    } catch {
      errors++;
      output.write(`${JSON.stringify({ id: null, line: lines, error: 'line is not valid JSON' })}\n`);
      continue;
    }
    const r = req as { id?: unknown; text?: unknown; targets?: unknown };
    const id = typeof r?.id === 'string' || typeof r?.id === 'number' ? r.id : null;
    const problem =
      typeof r !== 'object' || r === null
        ? 'input must be an object'
        : id === null
          ? 'id must be a string or a number'
          : typeof r.text !== 'string'
            ? 'text must be a string'
            : r.targets !== undefined && (!Array.isArray(r.targets) || !r.targets.every((t) => typeof t === 'string'))
              ? 'targets must be an array of strings'
              : null;
    if (problem) {
      errors++;
      output.write(`${JSON.stringify({ id, line: lines, error: problem })}\n`);
      continue;
    }
    output.write(`${JSON.stringify(scoreRequests(engine, { id: id!, text: r.text as string, targets: r.targets as string[] | undefined }))}\n`);
  }
  return { lines, errors };
}
