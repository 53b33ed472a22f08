import { bar } from './backfill.command';
import { formatAlert } from './tail.command';

describe('cli formatting', () => {
  it('draws a progress bar', () => {
    expect(bar(0, 10, 10)).toBe('[..........]   0% 0/10');
    expect(bar(5, 10, 10)).toBe('[#####.....]  50% 5/10');
    expect(bar(12, 10, 10)).toBe('[##########] 100% 12/10');
  });
  it('prints an alert on one line, coloured by severity when asked', () => {
    const a = { id: 3, type: 'price_move' as const, severity: 'critical' as const, symbol: 'NVDA', title: 'NVDA -17.0% vs previous close', message: '', articleIds: [], createdAt: '2025-01-27T21:00:00.000Z', eventTime: '2025-01-27T14:31:00.000Z', changePct: -16.97 };
    expect(formatAlert(a, false)).toBe('#3 2025-01-27 14:31:00 CRITICAL NVDA     price_move          NVDA -17.0% vs previous close -17.0%');
    expect(formatAlert(a, true)).toMatch(/^\x1b\[1;31m#3 .*\x1b\[0m$/);
  });
});
