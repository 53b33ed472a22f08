/**
 * Direction words and financial metrics. A direction applied to a metric takes the metric's sign:
 * "sales rose" is good, "losses widened" is bad, "cut guidance" is bad, "costs fell" is good.
 * Written from finance usage, not fitted to any data set.
 */

export interface Direction {
  /** +1 up, −1 down. */
  dir: number;
  /** Strength of the move (plunge 1.6, dip 0.6). */
  mag: number;
  /** Polarity when no metric is in reach: the subject is taken to be a price or a company. */
  alone: number;
  /** Polarity does not depend on the metric: improve, worsen, beat, miss. */
  inherent: boolean;
}

/** Inflected forms separated by spaces; then dir, mag, polarity alone, inherent. */
const DIRECTION_ROWS: [string, number, number, number, boolean?][] = [
  ['rise rises rose risen rising', 1, 1, 1],
  ['increase increases increased increasing', 1, 1, 0.6],
  ['grow grows grew grown growing', 1, 1, 1],
  ['climb climbs climbed climbing', 1, 1, 1],
  ['gain gains gained gaining', 1, 1, 1],
  ['jump jumps jumped jumping', 1, 1.4, 1.4],
  ['surge surges surged surging', 1, 1.5, 1.5],
  ['soar soars soared soaring', 1, 1.6, 1.6],
  ['skyrocket skyrockets skyrocketed skyrocketing', 1, 1.8, 1.8],
  ['rocket rockets rocketed', 1, 1.6, 1.6],
  ['spike spikes spiked spiking', 1, 1.3, 1.2],
  ['rally rallies rallied rallying', 1, 1.3, 1.3],
  ['advance advances advanced advancing', 1, 0.9, 0.9],
  ['rebound rebounds rebounded rebounding bounce bounces bounced', 1, 1.2, 1.2],
  ['pare pares pared paring', -1, 0.7, -0.6],
  ['recover recovers recovered recovering recovery', 1, 1, 1.1],
  ['boost boosts boosted boosting', 1, 1.1, 1],
  ['raise raises raised raising', 1, 1, 0.4],
  ['hike hikes hiked hiking', 1, 1, 0],
  ['lift lifts lifted lifting', 1, 1, 0.8],
  ['up higher', 1, 0.9, 0.9],
  ['expand expands expanded expanding expansion', 1, 1, 0.8],
  ['accelerate accelerates accelerated accelerating', 1, 1.1, 0.8],
  ['double doubles doubled doubling', 1, 1.5, 1.2],
  ['triple triples tripled tripling', 1, 1.7, 1.4],
  ['widen widens widened widening', 1, 1, 0],
  ['add adds added adding', 1, 0.8, 0],
  ['tops topped', 1, 1, 1],
  ['increment improvement improvements', 1, 1, 1, true],
  ['improve improves improved improving', 1, 1.1, 1.1, true],
  ['strengthen strengthens strengthened strengthening stronger', 1, 1, 1, true],
  ['outperform outperforms outperformed outperforming', 1, 1.2, 1.2, true],
  ['beat beats beating', 1, 1.4, 1.4, true],
  ['exceed exceeds exceeded exceeding surpass surpasses surpassed', 1, 1.2, 1.2, true],
  ['fall falls fell fallen falling', -1, 1, -1],
  ['decrease decreases decreased decreasing', -1, 1, -0.6],
  ['decline declines declined declining', -1, 1, -1],
  ['drop drops dropped dropping', -1, 1, -1],
  ['slip slips slipped slipping', -1, 0.7, -0.7],
  ['dip dips dipped dipping', -1, 0.6, -0.6],
  ['ease eases eased easing', -1, 0.7, -0.3],
  ['slide slides slid sliding', -1, 1.1, -1.1],
  ['slump slumps slumped slumping', -1, 1.4, -1.4],
  ['plunge plunges plunged plunging', -1, 1.6, -1.6],
  ['plummet plummets plummeted plummeting', -1, 1.7, -1.7],
  ['tumble tumbles tumbled tumbling', -1, 1.5, -1.5],
  ['sink sinks sank sunk sinking', -1, 1.3, -1.3],
  ['crash crashes crashed crashing', -1, 1.8, -1.8],
  ['dive dives dived dove diving nosedive nosedives', -1, 1.5, -1.5],
  ['crater craters cratered', -1, 1.8, -1.8],
  ['tank tanks tanked tanking', -1, 1.6, -1.6],
  ['sag sags sagged sagging', -1, 0.8, -0.8],
  ['retreat retreats retreated retreating', -1, 0.9, -0.9],
  ['lose loses lost losing', -1, 1, -1],
  ['shed sheds shedding', -1, 1, -1],
  ['erase erases erased erasing', -1, 1.3, -1.3],
  ['wipe wipes wiped wiping', -1, 1.6, -1.8],
  ['cut cuts cutting', -1, 1, -0.8],
  ['slash slashes slashed slashing', -1, 1.4, -1.2],
  ['trim trims trimmed trimming', -1, 0.8, -0.5],
  ['lower lowers lowered lowering', -1, 1, -0.7],
  ['reduce reduces reduced reducing reduction reductions', -1, 1, -0.3],
  ['down', -1, 0.9, -0.9],
  ['shrink shrinks shrank shrunk shrinking', -1, 1, -0.8],
  ['contracted contracting contraction', -1, 1, -0.8],
  ['narrow narrows narrowed narrowing', -1, 1, 0],
  ['halve halves halved halving', -1, 1.5, -1.2],
  ['slow slows slowed slowing slowdown slower', -1, 0.8, -0.8],
  ['faster quicker', 1, 0.8, 0.6],
  ['decelerate decelerates decelerated decelerating', -1, 0.9, -0.8],
  ['weaken weakens weakened weakening weaker', -1, 1, -1, true],
  ['worsen worsens worsened worsening deteriorate deteriorates deteriorated deteriorating deterioration', -1, 1.2, -1.2, true],
  ['underperform underperforms underperformed underperforming', -1, 1.2, -1.2, true],
  ['miss misses missed missing', -1, 1.4, -1.4, true],
  ['erode erodes eroded eroding', -1, 1, -1],
];

/** Sign of a metric: +1 when more is good (sales, profit), −1 when more is bad (loss, costs). */
const GOOD_METRICS =
  'sales revenue revenues turnover profit profits profitability earnings income ebit ebitda eps margin margins ' +
  'orders order backlog bookings dividend dividends payout guidance outlook forecast forecasts estimates estimate ' +
  'target targets pt rating shares share stock stocks price prices valuation value cap capitalization volume volumes ' +
  'demand deliveries shipments production output capacity growth traffic subscribers users customers occupancy ' +
  'cash liquidity reserves assets deposits loans aum inflows exports productivity efficiency performance results ' +
  'result momentum confidence sentiment spending gdp economy employment payrolls jobs staff workforce headcount ' +
  'premiums capital investment investments buyback buybacks repurchase stake index indexes indices market markets ' +
  'nasdaq dow futures equities bonds gold silver copper oil crude bitcoin';

const BAD_METRICS =
  'loss losses deficit deficits debt debts cost costs expense expenses charge charges writedown writedowns ' +
  'impairment impairments provisions unemployment jobless claims inflation layoffs delinquencies defaults ' +
  'churn risk risks volatility uncertainty pressure pressures headwinds shortfall leverage spreads vix fears ' +
  'concerns worries tensions outflows redemptions delays cases infections deaths casualties complaints';

/** Quantities whose moves are neither good nor bad without more context (rates, yields, temperatures). */
const NEUTRAL_METRICS = 'rate rates yield yields temperature temperatures degrees volatility-index dollar euro yen pound currency';

export const DIRECTIONS: ReadonlyMap<string, Direction> = (() => {
  const m = new Map<string, Direction>();
  for (const [forms, dir, mag, alone, inherent] of DIRECTION_ROWS) {
    for (const f of forms.split(' ')) m.set(f, { dir, mag, alone, inherent: inherent === true });
  }
  return m;
})();

export const METRICS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const w of GOOD_METRICS.split(' ')) m.set(w, 1);
  for (const w of BAD_METRICS.split(' ')) m.set(w, -1);
  for (const w of NEUTRAL_METRICS.split(' ')) m.set(w, 0);
  return m;
})();

/** Polarity a metric carries on its own, with no direction in reach ("swung to a loss"). */
export const METRIC_ALONE: ReadonlyMap<string, number> = new Map([
  ['loss', -1], ['losses', -1], ['deficit', -0.6], ['layoffs', -1.4], ['writedown', -1.2], ['writedowns', -1.2],
  ['impairment', -1.2], ['impairments', -1.2], ['headwinds', -1], ['shortfall', -1.2], ['fears', -1], ['concerns', -0.8],
  ['worries', -1], ['tensions', -0.6], ['uncertainty', -0.6], ['volatility', -0.4], ['delays', -0.8], ['defaults', -0.8],
  ['profit', 0.4], ['profits', 0.4], ['profitability', 0.6], ['growth', 0.8], ['momentum', 0.6], ['orders', 0.3],
  ['order', 0.3], ['backlog', 0.3], ['buyback', 0.8], ['buybacks', 0.8], ['repurchase', 0.6], ['dividend', 0.3],
]);
