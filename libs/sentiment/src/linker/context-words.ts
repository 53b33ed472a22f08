/** Word lists the linker uses to tell a company from the ordinary word it is named after. */

/** Words right after a name that show it is the company. */
export const COMPANY_CUES_AFTER: ReadonlySet<string> = new Set([
  'inc', 'corp', 'corporation', 'co', 'company', 'ltd', 'plc', 'group', 'holdings', 'shares', 'share', 'stock',
  'stocks', 'ceo', 'cfo', 'chief', 'executive', 'executives', 'earnings', 'revenue', 'revenues', 'sales', 'profit',
  'profits', 'results', 'guidance', 'forecast', 'outlook', 'quarter', 'quarterly', 'said', 'says', 'reported',
  'reports', 'announced', 'announces', 'unveiled', 'unveils', 'launched', 'launches', 'investors', 'shareholders',
  'board', 'management', 'rose', 'rises', 'fell', 'falls', 'jumps', 'jumped', 'slumps', 'slumped', 'soars',
  'soared', 'plunges', 'plunged', 'climbs', 'climbed', 'gains', 'gained', 'drops', 'dropped', 'tumbles',
  'tumbled', 'surges', 'surged', 'slides', 'slid', 'sinks', 'sank', 'rallies', 'rallied', 'beats', 'beat',
  'misses', 'missed', 'cuts', 'raises', 'tops', 'topped', 'recalls', 'recalled', 'hires', 'fires', 'sues',
  'sued', 'agrees', 'agreed', 'plans', 'acquires', 'buys', 'sells', 'stores', 'dividend', 'buyback',
  'valuation', 'market', 'rating', 'upgrade', 'downgrade', 'upgraded', 'downgraded', 'analyst', 'analysts',
  'employees', 'workers', 'layoffs', 'spokesperson', 'spokesman', 'spokeswoman', 'filing', 'ipo',
]);

/** Words right before a name that show it is the company (chipmaker Arm, shares of Apple). */
export const COMPANY_CUES_BEFORE: ReadonlySet<string> = new Set([
  'rival', 'rivals', 'owner', 'parent', 'investor', 'chipmaker', 'chipmakers', 'automaker', 'carmaker',
  'retailer', 'retailers', 'bank', 'lender', 'insurer', 'airline', 'carrier', 'giant', 'firm', 'designer',
  'supplier', 'customer', 'partner', 'peer', 'peers', 'conglomerate', 'brewer', 'drugmaker', 'miner',
  'streamer', 'operator', 'maker', 'company', 'stake', 'ceo', 'shares', 'stock', 'like', 'versus', 'vs',
  'beats', 'tops', 'and', 'including', 'invests', 'acquires', 'buys',
]);

/** A soft name after one of these (mid-sentence) is an ordinary noun: "an arm of", "the oracle". */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'this', 'that', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'every',
  'each', 'any', 'some', 'no', 'another', 'whose',
]);

/** Hyphen compounds that keep the company reading: Apple-backed, Meta-owned. */
export const HYPHEN_OK: ReadonlySet<string> = new Set([
  'backed', 'owned', 'led', 'based', 'made', 'linked', 'related', 'branded', 'designed', 'built', 'funded',
  'supplier', 'style', 'exclusive', 'specific',
]);

/** Per-word traps: the name followed by one of these words is the ordinary word. */
export const TRAP_FOLLOWERS: Readonly<Record<string, ReadonlySet<string>>> = {
  apple: new Set(['pie', 'pies', 'juice', 'cider', 'tree', 'trees', 'orchard', 'orchards', 'sauce', 'seed', 'seeds', 'crumble', 'picking', 'growers', 'farmers', 'harvest', 'varieties', 'crop', 'crops', 'vinegar', 'tart', 'cake']),
  amazon: new Set(['rainforest', 'river', 'basin', 'jungle', 'forest', 'tribe', 'tribes', 'deforestation', 'region', 'fires', 'wildlife']),
  delta: new Set(['variant', 'river', 'region', 'wave', 'force', 'smelt', 'hedging', 'neutral', 'state']),
  shell: new Set(['company', 'companies', 'game', 'games', 'shock', 'script', 'corporation', 'corporations', 'casing', 'fish']),
  visa: new Set(['application', 'applications', 'applicant', 'applicants', 'requirement', 'requirements', 'holder', 'holders', 'program', 'programme', 'rules', 'policy', 'waiver', 'fee', 'fees', 'overstay', 'overstays', 'restrictions', 'ban', 'bans', 'lottery', 'interview', 'extension']),
  target: new Set(['price', 'prices', 'date', 'range', 'rate', 'rates', 'audience', 'audiences', 'group', 'market', 'markets', 'zone', 'level', 'levels', 'list', 'practice', 'area', 'areas', 'weight', 'allocation', 'return', 'returns']),
  meta: new Set(['data', 'analysis', 'analyses', 'tags', 'tag', 'description', 'level', 'study', 'studies', 'review', 'reviews', 'narrative']),
  oracle: new Set(['bones']),
  ford: new Set(['foundation', 'bridge']),
  chase: new Set(['scene', 'scenes', 'sequence']),
  arm: new Set(['wrestling', 'candy', 'chair', 'chairs', 'rest', 'band', 'bands', 'length']),
  block: new Set(['trade', 'trades', 'party', 'grant', 'grants', 'chain', 'sizes', 'size', 'vote', 'votes', 'buster']),
  square: new Set(['feet', 'foot', 'meters', 'metres', 'miles', 'mile', 'kilometres', 'kilometers', 'root', 'one']),
  caterpillar: new Set(['larvae', 'larva', 'stage']),
  intel: new Set(['community', 'agencies', 'agency', 'officials', 'report', 'reports', 'chief', 'sources', 'briefing', 'assessment']),
  corning: new Set(['ware']),
  coke: new Set(['oven', 'ovens', 'plant', 'plants', 'coal', 'prices']),
  adobe: new Set(['house', 'houses', 'brick', 'bricks', 'walls', 'home', 'homes']),
  progressive: new Set(['party', 'caucus', 'democrats', 'candidate', 'candidates', 'policies', 'tax', 'era']),
  workday: new Set(['routine', 'routines', 'morning', 'mornings']),
  dell: new Set(['medical']),
  gm: new Set(['crop', 'crops', 'food', 'foods', 'seed', 'seeds', 'maize', 'corn', 'soy', 'soybeans', 'salmon', 'mosquitoes', 'plants', 'wheat', 'rice', 'ban', 'free']),
};

/** Capitalised words that commonly precede a soft name without making it a person's name. */
export const CAPITALISED_OK_BEFORE: ReadonlySet<string> = new Set([
  'buy', 'sell', 'hold', 'why', 'how', 'what', 'when', 'is', 'are', 'will', 'should', 'can', 'does', 'do', 'did',
  'as', 'but', 'and', 'or', 'after', 'before', 'while', 'with', 'without', 'for', 'from', 'to', 'at', 'by', 'on',
  'in', 'if', 'says', 'said', 'report', 'breaking', 'update', 'exclusive', 'analysis', 'watch', 'stocks', 'stock',
  'shares', 'news', 'today', 'here', 'where', 'whether', 'wall', 'street', 'nasdaq', 'nyse', 'dow', 'premarket',
  'us', 'u.s.', 'uk', 'eu', 'china', 'chinese', 'japan', 'european', 'american', 'ceo', 'cfo', 'also', 'yes', 'no',
]);

export const EXCHANGES: ReadonlySet<string> = new Set([
  'nasdaq', 'nyse', 'nysearca', 'nysemkt', 'amex', 'otc', 'otcmkts', 'otcqx', 'otcqb', 'tsx', 'tsxv', 'lse',
  'hkex', 'nasdaqgs', 'nasdaqgm', 'nasdaqcm', 'bats', 'cboe', 'asx', 'xetra', 'euronext', 'nyseamerican',
]);

/** Common first names: "Harrison Ford", "Greg Abbott", "Michael Dell" name people. */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  ('aaron adam alan albert alex alexander alice amanda amy andrew angela ann anna anne anthony arthur barbara ben benjamin ' +
    'betty bill billy bob bobby brad brandon brian bruce carl carlos carol catherine charles charlie chris christine christopher ' +
    'claire craig dan daniel dave david debbie deborah dennis diana donald donna doug douglas ed edward elizabeth ellen emily emma ' +
    'eric frank fred gary gene george gerald gordon grace greg gregory hannah harold harrison harry helen henry howard ian jack ' +
    'jacob james jane janet jason jeff jeffrey jennifer jeremy jerry jessica jim jimmy joan joe john jonathan joseph josh joshua ' +
    'judy julia julie justin karen kate katherine kathleen keith kelly ken kenneth kevin kim larry laura lauren linda lisa louis ' +
    'margaret maria marie mark martha martin mary matt matthew melissa michael michelle mike nancy nathan nicholas nick nicole ' +
    'pamela pat patricia patrick paul peter philip rachel ralph randy raymond rebecca richard rick rob robert roger ron ronald ' +
    'rose russell ruth ryan sam samuel sandra sara sarah scott sean sharon shirley stephen steve steven susan terry thomas tim ' +
    'timothy tina todd tom tony tyler victoria vincent walter wayne william willie gwyneth lucy olivia sophia tucker').split(' '),
);
