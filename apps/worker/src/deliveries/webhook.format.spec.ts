import { createHmac } from 'node:crypto';
import type { AlertPayload } from '@seismo/contracts';
import { matchesEndpoint, signBody, webhookBody } from './webhook.format';

const alert: AlertPayload = {
  id: 7,
  type: 'shock',
  severity: 'critical',
  symbol: 'NVDA',
  title: 'NVDA shock',
  message: 'NVDA -17% while sentiment fell 3σ',
  articleIds: [1],
  createdAt: '2025-01-27T15:00:00.000Z',
  eventTime: '2025-01-27T14:31:00.000Z',
};

describe('webhook format', () => {
  it('signs `<t>.<body>` with HMAC-SHA256', () => {
    const sig = signBody('s3cret-s3cret-s3cret', '{"a":1}', 1700000000);
    expect(sig).toBe(`t=1700000000,sha256=${createHmac('sha256', 's3cret-s3cret-s3cret').update('1700000000.{"a":1}').digest('hex')}`);
  });

  it('shapes Slack and Discord bodies', () => {
    expect(webhookBody('json', alert)).toEqual({ event: 'alert', alert });
    const slack = webhookBody('slack', alert) as { text: string; blocks: unknown[] };
    expect(slack.text).toContain('[CRITICAL] NVDA shock');
    expect(slack.blocks).toHaveLength(2);
    const discord = webhookBody('discord', alert) as { embeds: { color: number; title: string }[] };
    expect(discord.embeds[0]).toMatchObject({ title: 'NVDA shock', color: 0xdc2626 });
  });

  it('matches endpoints by severity, type and target (including keyword-linked tickers)', () => {
    const e = { symbols: [], keywords: [], types: [], minSeverity: 'info' };
    expect(matchesEndpoint(e, alert)).toBe(true);
    expect(matchesEndpoint({ ...e, minSeverity: 'critical' }, { ...alert, severity: 'warning' })).toBe(false);
    expect(matchesEndpoint({ ...e, types: ['price_move'] }, alert)).toBe(false);
    expect(matchesEndpoint({ ...e, symbols: ['AVGO'] }, alert)).toBe(false);
    expect(matchesEndpoint({ ...e, symbols: ['AVGO'] }, { ...alert, symbol: null, keyword: 'DeepSeek', linkedSymbols: ['AVGO'] })).toBe(true);
    expect(matchesEndpoint({ ...e, keywords: ['deepseek'] }, { ...alert, symbol: null, keyword: 'DeepSeek' })).toBe(true);
  });
});
