import type { AlertPayload } from '@seismo/contracts';
import { createHmac } from 'node:crypto';

const RANK = { info: 0, warning: 1, critical: 2 } as const;
const COLOR = { info: 0x3b82f6, warning: 0xf59e0b, critical: 0xdc2626 } as const;

export interface EndpointFilter {
  symbols: string[];
  keywords: string[];
  types: string[];
  minSeverity: string;
}

export function matchesEndpoint(e: EndpointFilter, a: AlertPayload): boolean {
  if (RANK[a.severity] < (RANK[e.minSeverity as keyof typeof RANK] ?? 0)) return false;
  if (e.types.length && !e.types.includes(a.type)) return false;
  if (!e.symbols.length && !e.keywords.length) return true;
  const syms = [a.symbol, ...(a.linkedSymbols ?? [])].filter(Boolean) as string[];
  return syms.some((s) => e.symbols.includes(s)) || (!!a.keyword && e.keywords.some((k) => k.toLowerCase() === a.keyword!.toLowerCase()));
}

/** The body for an endpoint's format: Seismo JSON, Slack incoming webhook, or Discord webhook. */
export function webhookBody(format: string, a: AlertPayload): unknown {
  const target = a.symbol ?? a.keyword ?? 'market';
  const line = `[${a.severity.toUpperCase()}] ${target} ${a.type}: ${a.title}`;
  if (format === 'slack') {
    return {
      text: line,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: `${target}: ${a.title}`.slice(0, 150) } },
        { type: 'section', text: { type: 'mrkdwn', text: `*${a.severity}* · ${a.type}\n${a.message}` } },
      ],
    };
  }
  if (format === 'discord') {
    return { content: line.slice(0, 2000), embeds: [{ title: a.title.slice(0, 256), description: a.message.slice(0, 4000), color: COLOR[a.severity], timestamp: a.eventTime ?? a.createdAt }] };
  }
  return { event: 'alert', alert: a };
}

/** `X-Seismo-Signature: t=<unix>,sha256=<hex of HMAC(secret, "<t>.<body>")>` */
export function signBody(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},sha256=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}
