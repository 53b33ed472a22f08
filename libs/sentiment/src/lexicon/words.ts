/**
 * Polar words and phrases of finance news, valence −3..3. Inflections are listed, not stemmed.
 * Written from finance usage, not fitted to any data set.
 */

const POSITIVE: [string, number][] = [
  ['good great excellent', 1.2], ['strong robust solid healthy resilient', 1.2], ['stronger-than-expected', 1.8],
  ['impressive impressed impresses', 1.3], ['positive', 0.9], ['optimistic optimism upbeat', 1.3],
  ['bullish', 1.5], ['confident confidence', 0.8], ['win wins won winning winner winners', 1.2],
  ['award awarded awards', 1], ['success successful successfully', 1.2], ['boom booming booms', 1.3],
  ['thrive thrives thriving', 1.3], ['breakthrough breakthroughs', 1.3], ['approval approvals approve approves approved', 1],
  ['upgrade upgrades upgraded upgrading', 1.8], ['outperform overweight', 1.3], ['profitable', 1.2],
  ['record', 0.8], ['best', 0.8], ['highest', 0.6], ['high', 0.2], ['tailwind tailwinds', 1], ['upside', 1],
  ['opportunity opportunities', 0.6], ['favorable favourable', 1], ['attractive', 0.8], ['benefit benefits benefited benefiting', 0.8],
  ['surplus', 0.6], ['milestone', 0.8], ['innovative innovation', 0.5], ['secure secures secured', 0.7],
  ['partnership partnerships', 0.5], ['collaboration', 0.4], ['agreement', 0.3], ['deal deals', 0.3],
  ['launch launches launched', 0.3], ['expanding', 0.8], ['demand', 0.2], ['momentum', 0.6], ['buyback buybacks', 0.8],
  ['dividend', 0.2], ['momentous', 0.6], ['rebound', 1.1], ['recovery', 1], ['turnaround', 1], ['gainers', 1],
  ['soaring', 1.5], ['sold-out', 1.2], ['oversubscribed', 1.2], ['accretive', 1], ['undervalued', 0.8], ['cheap', 0.2],
  ['lucrative', 1.2], ['efficient', 0.6], ['savings', 0.7], ['promising', 1], ['encouraging', 1], ['welcome welcomed welcomes', 0.6],
  ['praise praised praises', 1], ['top-performing', 1.2], ['rally', 1.3],
  ['inks inked', 0.6], ['sign signs signed', 0.2], ['safe', 0.4], ['bright', 0.8], ['leads leading', 0.4],
  ['benefiting benefitting', 0.8], ['bulls bull', 0.9], ['upward upwards uptrend', 1], ['outpace outpaces outpaced', 1.2],
  ['robust', 1.2], ['booming', 1.3], ['record-breaking record-setting', 1.5], ['hire hires hiring hired', 0.5],
  ['creates creating', 0.3], ['grant granted grants', 0.6], ['accepts accepted', 0.5], ['clearance cleared', 0.6],
  ['restart restarts restarted resume resumes resumed', 0.6], ['reopen reopens reopened', 0.6], ['resilience', 1],
  ['strengthened', 1], ['breakout', 1], ['squeeze', 0.3], ['profit-taking', -0.3], ['beat-and-raise', 1.8],
  ['📈', 1.2], ['🚀', 1.2], ['💰', 0.8], ['🟢', 0.8], ['🔥', 0.5], ['📉', -1.2], ['🔻', -1], ['🔴', -0.8], ['💥', -0.5],
  ['lifted', 0.4], ['unlock unlocks', 0.6], ['rewarded', 0.8], ['tops', 1],
  ['cheer cheers cheered', 1.2], ['leap leaps leaped leapt', 1.3], ['winners', 1], ['settlement', 0.3], ['boosts', 1],
  ['defends defended', 0.2], ['premium', 0.4], ['upbeat', 1.3], ['confidence', 0.8], ['strength', 1], ['stellar', 1.6],
  ['happy', 0.8], ['overblown', 0.8], ['overdone', 0.8], ['blockbuster', 1.2], ['popular popularity', 0.6], ['dominance dominant', 0.6],
];

const NEGATIVE: [string, number][] = [
  ['bad poor', -1.3], ['weak weakness', -1.3], ['disappoint disappoints disappointed disappointing disappointment', -1.6],
  ['negative', -1], ['pessimistic pessimism gloomy gloom', -1.4], ['bearish', -1.5], ['concern concerns concerned', -0.9],
  ['worry worries worried worrying', -1.1], ['fear fears feared', -1.1], ['warn warns warned warning warnings', -1.5],
  ['threat threats threaten threatens threatened', -1.2], ['lawsuit lawsuits litigation', -1.3],
  ['sue sues sued suing', -1.4], ['probe probes investigation investigations', -1.2], ['fraud fraudulent', -2.2],
  ['scandal scandals', -2], ['bankruptcy bankruptcies bankrupt insolvency insolvent', -2.5], ['default defaults defaulted', -1.8],
  ['recall recalls recalled recalling', -1.2], ['layoff layoffs laid', -1.4], ['fire fires fired', -0.6],
  ['resign resigns resigned resignation', -0.8], ['strike strikes striking', -0.9], ['shortage shortages', -1],
  ['halt halts halted halting', -1.2], ['suspend suspends suspended suspension', -1.2], ['delay delays delayed', -1],
  ['cancel cancels cancelled canceled cancellation', -1.1], ['closure closures', -1], ['shut shuts shutting shutdown', -1.2],
  ['crisis crises', -2], ['turmoil', -1.8], ['recession recessions', -1.8], ['downturn downturns', -1.5],
  ['slowdown', -1], ['headwind headwinds', -1], ['volatile', -0.5], ['uncertain uncertainty', -0.8], ['scare scares', -1.2],
  ['panic panics', -1.8], ['selloff sell-off selloffs', -1.6], ['rout routs', -2], ['collapse collapses collapsed collapsing', -2.2],
  ['penalty penalties', -1.3], ['fine fined fines', -0.9], ['sanction sanctions sanctioned', -1], ['ban bans banned', -1],
  ['tariff tariffs', -0.6], ['dilution dilutive', -1], ['restructuring', -0.4], ['impairment', -1.3], ['writedown write-down', -1.3],
  ['short-seller short-sellers', -1.2], ['downgrade downgrades downgraded downgrading', -1.8], ['underperform underweight', -1.3],
  ['loss-making', -1.2], ['unprofitable', -1.2], ['lowest', -0.6], ['low', -0.2], ['losers', -1], ['bleak', -1.5],
  ['struggle struggles struggled struggling', -1.3], ['hurt hurts hurting', -1.2], ['hit hits', -0.6], ['damage damaged', -1.2],
  ['risky', -0.8], ['vulnerable', -0.9], ['exposure', -0.2], ['overvalued', -0.8], ['bubble', -1], ['turbulence', -1.2],
  ['plague plagued', -1.4], ['woes woe', -1.5], ['troubled trouble troubles', -1.3], ['pressure pressured', -0.8],
  ['slash', -1], ['wipeout', -2], ['bloodbath', -2.2], ['meltdown', -2.2], ['shock shocks', -1.2], ['jitters', -1.1],
  ['dumped dump dumps', -1], ['cautious caution', -0.6], ['skeptical sceptical', -0.8], ['criticism criticized criticised', -1],
  ['breach breaches hack hacked', -1.2], ['outage outages', -1.2], ['accident accidents', -1.2], ['death deaths', -1],
  ['unrest', -1.2], ['war', -1], ['inflationary', -0.6], ['costly', -1], ['expensive', -0.4], ['fail fails failed failure', -1.3],
  ['deficit', -0.4], ['oversupply', -1], ['glut', -1.1], ['sluggish', -1.2], ['stagnant', -1], ['flat', -0.1],
  ['idle idled idling idles', -0.8], ['stagnate stagnated stagnates stagnation', -1.1], ['ugly', -1.3], ['sting stinging stung', -1],
  ['pain painful', -1.2], ['pause pauses paused pausing', -0.7], ['axe axes axed axing', -1.3], ['ridicule ridiculed', -1.2],
  ['crack cracks cracked', -0.6], ['dim dims dimmed dimming darker gloomier', -1], ['downside', -1], ['banning', -1],
  ['chaos chaotic', -1.5], ['mess', -1.2], ['reject rejects rejected rejection', -0.8], ['deny denies denied', -0.6],
  ['abrupt abruptly', -0.6], ['warned', -1.5], ['suffer suffers suffered suffering', -1.3], ['loses', -1], ['culprit', -1],
  ['disaster disastrous', -2], ['plunge', -1.5], ['subpoena subpoenaed', -1.2], ['indicted indictment', -1.8],
  ['delist delisted delisting', -1.5], ['dilute dilutes diluted', -1], ['writeoff write-off writeoffs', -1.3],
  ['bears bear', -0.8], ['bankruptcy-protection', -2.5], ['insolvency', -2.5], ['liquidation', -2], ['crushed crush', -1.3],
  ['eviscerate eviscerated', -1.8], ['hammered', -1.5], ['battered', -1.4], ['slammed', -1.3], ['sour soured souring', -1.1],
];

export const POLAR_WORDS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const [forms, v] of [...POSITIVE, ...NEGATIVE]) for (const f of forms.split(' ')) m.set(f, v);
  return m;
})();

/**
 * Multi-word expressions, matched before single words. Valence 0 marks an expression that is
 * neutral even though its words are polar ("in line with", "price target" is a metric, …).
 */
export const POLAR_PHRASES: ReadonlyArray<[string, number]> = [
  ['better than expected', 1.8], ['better-than-expected', 1.8], ['worse than expected', -1.8], ['worse-than-expected', -1.8],
  ['stronger than expected', 1.8], ['weaker than expected', -1.8], ['weaker-than-expected', -1.8],
  ['higher than expected', 1.2], ['lower than expected', -1.2], ['above expectations', 1.6], ['below expectations', -1.6],
  ['above estimates', 1.6], ['below estimates', -1.6], ['above forecasts', 1.5], ['below forecasts', -1.5],
  ['ahead of expectations', 1.6], ['ahead of estimates', 1.6], ['falls short', -1.5], ['fell short', -1.5], ['fall short', -1.5],
  ['short of estimates', -1.5], ['short of expectations', -1.5], ['in line with expectations', 0.2], ['in line with estimates', 0.2],
  ['all-time high', 1.5], ['all time high', 1.5], ['record high', 1.5], ['record highs', 1.5], ['52-week high', 1.2],
  ['52-week low', -1.2], ['multi-year low', -1.3], ['record low', -1.3], ['record lows', -1.3], ['lowest level', -1],
  ['highest level', 1], ['bull market', 1.2], ['bear market', -1.4], ['profit warning', -2.2], ['profit warnings', -2.2],
  ['job cuts', -1.5], ['cut jobs', -1.5], ['cuts jobs', -1.5], ['lay off', -1.4], ['lays off', -1.4], ['laid off', -1.4],
  ['going concern', -1.8], ['sold out', 1.4], ['back in the black', 1.8], ['in the black', 1.2], ['in the red', -1.3],
  ['return to profit', 1.8], ['returned to profit', 1.8], ['returns to profit', 1.8], ['swung to a profit', 1.8],
  ['swung to profit', 1.8], ['swung to a loss', -1.8], ['swung to loss', -1.8], ['turned to a loss', -1.8], ['turned a profit', 1.5],
  ['short seller', -1.2], ['short sellers', -1.2], ['goes short', -1.4], ['going short', -1.4], ['step down', -0.5],
  ['steps down', -0.5], ['stepping down', -0.5], ['price war', -1.3], ['trade war', -1.2], ['cash burn', -1], ['burn rate', -0.5],
  ['market share gains', 1.2], ['strong buy', 2], ['top pick', 1.5], ['buy rating', 1.3], ['sell rating', -1.3],
  ['upside potential', 1.2], ['cost savings', 0.8], ['cost cutting', 0.3], ['cost-cutting', 0.3], ['beat expectations', 1.6],
  ['missed expectations', -1.6], ['miss expectations', -1.6],
  ['not only', 0], ['no change', 0], ['unchanged', 0], ['the same', 0],
  ['than feared', 0], ['as feared', 0], ['than expected', 0], ['than anticipated', 0], ['as expected', 0],
  ['past expectations', 1.6], ['past estimates', 1.6], ['pulls the plug', -1.2], ['pull the plug', -1.2], ['pare gains', -0.8],
  ['pares gains', -0.8], ['pared gains', -0.8], ['trims gains', -0.8], ['bouncing back', 1.2], ['bounce back', 1.2], ['bounces back', 1.2],
  ['bounced back', 1.2], ['turn around', 0.8], ['turns around', 0.8], ['turned around', 0.8], ['laying off', -1.4],
  ['to the downside', -1], ['to the upside', 1], ['new high', 1.2], ['new highs', 1.2], ['new low', -1.2], ['new lows', -1.2],
  ['best day', 1.3], ['worst day', -1.5], ['best week', 1.3], ['worst week', -1.5], ['best month', 1.2], ['worst month', -1.4],
  ['best year', 1.2], ['worst year', -1.4], ['price hike', 0], ['rate hike', -0.3], ['rate cut', 0.3], ['rate cuts', 0.3],
  ['rate hikes', -0.3], ['short squeeze', 0.8], ['under pressure', -1.1], ['on track', 0.8], ['ahead of schedule', 1.2],
  ['behind schedule', -1.2], ['win big', 1.5], ['wins big', 1.5], ['wake-up call', -0.6], ['wakeup call', -0.6],
  ['wipe out', -1.6], ['wiping out', -1.6], ['wiped out', -1.6], ['wipes out', -1.6], ['give notice', -1.2], ['gave notice', -1.2], ['giving notice', -1.2], ['out of business', -2], ['going bust', -2.2], ['goes bust', -2.2], ['cash crunch', -1.5],
  ['at par', 0], ['fair value', 0], ['fine-tune', 0], ['fine tune', 0], ['high school', 0], ['high-end', 0.2],
  ['low-cost', 0.3], ['low cost', 0.3], ['high-yield', 0], ['short-term', 0], ['long-term', 0], ['wall street', 0],
];
