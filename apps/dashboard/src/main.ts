/** Boots the dashboard: REST snapshot first, then the live socket replaying from the last alert id. */
import './styles.css';
import type { AlertPayload, ArticlePayload } from '../../../libs/contracts/src/events';
import { AlertFeed } from './alerts';
import { api, ApiError, getApiKey, onApiKeyChange, setApiKey, setKeyPrompt, type Health } from './api';
import { ArticleStream } from './articles';
import { TickerView } from './chart';
import { ConfigPanel } from './config';
import { byId, toast } from './dom';
import { formatValue } from './format';
import { LiveConnection, type ConnectionState } from './socket';

// ---- theme: auto (prefers-color-scheme) → light → dark ----
const THEME_KEY = 'seismo.theme';
type ThemeMode = 'auto' | 'light' | 'dark';
const themeButton = byId<HTMLButtonElement>('theme-toggle');
let onThemeChange = () => {};
function applyTheme(mode: ThemeMode): void {
  if (mode === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = mode;
  themeButton.textContent = `Theme: ${mode}`;
  themeButton.setAttribute('aria-label', `Colour theme: ${mode}. Activate to change.`);
  onThemeChange();
}
function storedTheme(): ThemeMode {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'auto';
  } catch {
    return 'auto';
  }
}
let theme = storedTheme();
applyTheme(theme);
themeButton.addEventListener('click', () => {
  theme = theme === 'auto' ? 'light' : theme === 'light' ? 'dark' : 'auto';
  try {
    localStorage.setItem(THEME_KEY, theme);
  } catch {
    /* ignore */
  }
  applyTheme(theme);
});
matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => onThemeChange());

// ---- API key dialog ----
const dialog = byId<HTMLDialogElement>('key-dialog');
const keyInput = byId<HTMLInputElement>('key-input');
const keyReason = byId('key-reason');
let pendingKey: Promise<string | null> | null = null;
function requestApiKey(reason = 'This server needs an API key for changes.'): Promise<string | null> {
  if (pendingKey) return pendingKey;
  keyReason.textContent = reason;
  keyInput.value = getApiKey() ?? '';
  pendingKey = new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        pendingKey = null;
        if (dialog.returnValue === 'save' && keyInput.value.trim()) {
          setApiKey(keyInput.value.trim());
          resolve(keyInput.value.trim());
        } else if (dialog.returnValue === 'clear') {
          setApiKey(null);
          resolve(null);
        } else resolve(null);
      },
      { once: true },
    );
  });
  dialog.returnValue = '';
  dialog.showModal();
  keyInput.focus();
  return pendingKey;
}
setKeyPrompt(() => requestApiKey('The server answered 401: enter the API key (SEISMO_API_KEY).'));
byId('api-key-button').addEventListener('click', () => void requestApiKey('Used as a Bearer token for changes and for the live socket.'));

// ---- views ----
const feed = new AlertFeed(byId('alert-feed'), byId('alerts-empty'));
const stream = new ArticleStream(byId('article-stream'), byId('articles-empty'));
const tickerView = new TickerView();
const config = new ConfigPanel();
onThemeChange = () => tickerView.applyTheme();
config.onTickers((t) => tickerView.setTickers(t));
feed.onChange((_all, added) => {
  tickerView.addAlerts(added);
  const critical = added.filter((a) => a.severity === 'critical').length;
  if (critical && document.hidden) document.title = `(${critical}) Seismo`;
});
document.addEventListener('visibilitychange', () => {
  if (!document.hidden) document.title = 'Seismo';
});

// ---- connection status ----
const statusEl = byId('connection-status');
const statusBox = byId('connection');
function showState(state: ConnectionState, detail?: string): void {
  statusEl.textContent = state;
  statusBox.className = `conn conn-${state}`;
  statusBox.title = detail ? `${state}: ${detail}` : state;
}

// ---- health ----
const healthEl = byId('health');
function describeHealth(h: Partial<Health>): string {
  const parts = (['db', 'redis'] as const).filter((k) => h[k] !== undefined).map((k) => `${k} ${typeof h[k] === 'object' ? ((h[k] as { status?: string }).status ?? 'ok') : formatValue(h[k])}`);
  return parts.join(', ');
}
async function pollHealth(): Promise<void> {
  try {
    const h = await api.health();
    healthEl.textContent = `api ${h.status}`;
    healthEl.className = `health ${h.status === 'ok' ? 'ok' : 'bad'}`;
    healthEl.title = describeHealth(h);
  } catch (err) {
    const body = err instanceof ApiError ? (err.body as Partial<Health>) : undefined;
    healthEl.textContent = body && typeof body === 'object' ? `api degraded (${describeHealth(body)})` : 'api unreachable';
    healthEl.className = 'health bad';
  }
}

// ---- boot ----
const live = new LiveConnection({
  token: getApiKey,
  lastAlertId: () => feed.lastId,
  onAlert: (a: AlertPayload) => feed.add([a]),
  onArticle: (a: ArticlePayload) => {
    stream.add([a]);
    tickerView.addArticle(a);
  },
  onState: showState,
  onUnauthorized: () => void requestApiKey('The live feed refused the connection: enter the API key.'),
});

async function boot(): Promise<void> {
  void pollHealth();
  setInterval(() => void pollHealth(), 30_000);
  const feedEl = byId('alert-feed');
  feedEl.setAttribute('aria-busy', 'true');
  const [alerts, articles] = await Promise.all([
    api.alerts({ limit: 50 }).catch((err) => {
      toast(`Could not load alerts: ${(err as Error).message}`, 'error');
      return null;
    }),
    api.articles({ limit: 30 }).catch(() => null),
    config.loadAll(),
  ]);
  if (alerts) feed.add(alerts.items ?? [], false);
  if (articles) stream.add(articles.items ?? [], false);
  feedEl.removeAttribute('aria-busy');
  live.start();
}

// A new key (from a 401 prompt or the API key button) reconnects the socket with it.
onApiKeyChange(() => live.restart());

void boot();
