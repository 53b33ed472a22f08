/**
 * Loaders for the public evaluation sets under `../shared/data` (see its README). Only the
 * training and evaluation scripts use them; the library itself does no I/O.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Label } from '../types';

export interface Example {
  text: string;
  label: Label;
  /** Targeted sets (FiQA): the company the label is about. */
  target?: string;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

const TFNS_LABELS: Record<string, Label> = { '0': 'negative', '1': 'positive', '2': 'neutral' };

/** Twitter Financial News Sentiment: `text,label` with 0 bearish, 1 bullish, 2 neutral. */
export function loadTfns(file: string): Example[] | null {
  if (!existsSync(file)) return null;
  const rows = parseCsv(readFileSync(file, 'utf8'));
  const out: Example[] = [];
  for (const r of rows.slice(1)) {
    if (r.length < 2) continue;
    const label = TFNS_LABELS[r[r.length - 1].trim()];
    if (label) out.push({ text: r.slice(0, -1).join(','), label });
  }
  return out;
}

/** Financial PhraseBank: `sentence@label` lines; 50/66/75Agree are ISO-8859-1, AllAgree UTF-8. */
export function loadPhraseBank(file: string, encoding: 'utf8' | 'latin1'): Example[] | null {
  if (!existsSync(file)) return null;
  const out: Example[] = [];
  for (const line of readFileSync(file, encoding).split(/\r?\n/)) {
    const at = line.lastIndexOf('@');
    if (at < 0) continue;
    const label = line.slice(at + 1).trim();
    if (label === 'positive' || label === 'negative' || label === 'neutral') out.push({ text: line.slice(0, at).trim(), label });
  }
  return out;
}

interface FiqaRecord {
  sentence: string;
  info: { target: string; sentiment_score: string }[];
}

/** FiQA 2018 task 1: one example per (sentence, target); label by the sign of sentiment_score. */
export function loadFiqa(file: string): Example[] | null {
  if (!existsSync(file)) return null;
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, FiqaRecord>;
  const out: Example[] = [];
  for (const rec of Object.values(data)) {
    for (const info of rec.info ?? []) {
      const s = Number(info.sentiment_score);
      if (!Number.isFinite(s)) continue;
      out.push({ text: rec.sentence, target: info.target, label: s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral' });
    }
  }
  return out;
}

/** `SEISMO_DATA_DIR`, else `../shared/data` relative to the working directory. */
export function dataDir(envValue: string | undefined, cwd: string): string {
  return envValue && envValue.trim() ? envValue : join(cwd, '..', 'shared', 'data');
}
