import { Injectable, type PipeTransform } from '@nestjs/common';
import { badField } from './validation';

/** `:id` path parameters: a 400 naming the parameter unless it is a positive 32-bit integer. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^\d{1,10}$/.test(value) || Number(value) < 1 || Number(value) > 2_147_483_647) throw badField('id', 'must be a positive integer');
    return Number(value);
  }
}

/** `:symbol` path parameters: 1–12 characters of A–Z, 0–9, '.', '-', '^', upper-cased. */
@Injectable()
export class SymbolPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const s = String(value ?? '').trim().toUpperCase();
    if (!/^[A-Z0-9.^-]{1,12}$/.test(s)) throw badField('symbol', 'must be 1-12 characters of A-Z, 0-9, ".", "-" or "^"');
    return s;
  }
}

export function limitOf(limit: number | undefined, def = 100): number {
  return limit ?? def;
}
