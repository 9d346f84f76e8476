import { learn, logScores, topTerms, train } from './classifier.js';
import { compilePattern, compileRules, matchRules, type TriageRule } from './rules.js';
import { detectLanguage, features, tokenize } from './tokenize.js';
import { similarity, triage } from './triage.policy.js';

const FIXTURE = [
  { text: '我的账号被盗了，密码被改', category: 'account_security' },
  { text: 'someone hacked my account and changed the password', category: 'account_security' },
  { text: '自动续费扣了我的钱，要求退款', category: 'billing' },
  { text: 'charged twice for membership, refund please', category: 'billing' },
  { text: '消息延迟很久才收到，视频通话卡顿', category: 'functional_defect' },
  { text: 'app crashes when I open a chat, messages arrive late', category: 'functional_defect' },
] as const;

const model = () =>
  train(FIXTURE.map((line) => ({ tokens: features(line.text), category: line.category })));

const rule = (overrides: Partial<TriageRule>): TriageRule => ({
  id: 'r1',
  name: 'rule',
  category: null,
  priority: null,
  pattern: '',
  isRegex: false,
  weight: 0,
  version: 1,
  ...overrides,
});

describe('tokenize', () => {
  it('segments Chinese into words, not characters', () => {
    const tokens = tokenize('我的账号被盗了');
    expect(tokens).toEqual(expect.arrayContaining(['账号', '被盗']));
    expect(tokens).not.toContain('的');
  });

  it('lower-cases and stems English and drops stop words and bare numbers', () => {
    expect(tokenize('The App CRASHES 3 times when messages arrived')).toEqual([
      'app',
      'crashe',
      'time',
      'message',
      'arriv',
    ]);
  });
});

describe('features', () => {
  it('adds the characters and character pairs of Chinese runs and pairs of English words', () => {
    expect(features('账号被盗 not working')).toEqual(
      expect.arrayContaining(['账号', '被盗', '#账', '#盗', '#账号', '#号被', 'not_working']),
    );
  });

  it('adds the three- and four-letter pieces of English words, so a typo shares most of them', () => {
    const pieces = (text: string) => features(text).filter((t) => t.startsWith('~'));
    expect(pieces('refund')).toEqual(
      expect.arrayContaining(['~<re', '~ref', '~und>', '~<ref', '~fund', '~nd>']),
    );
    const right = new Set(pieces('password'));
    const shared = pieces('pasword').filter((t) => right.has(t));
    expect(shared.length).toBeGreaterThan(right.size / 2);
  });

  it('weighs the pieces of words down next to whole words', () => {
    const trained = model();
    expect(trained.idf['~ref']).toBeCloseTo(trained.idf['refund'] * 0.15);
  });
});

describe('classifier', () => {
  it('trains deterministically and survives a JSON round trip', () => {
    const trained = model();
    expect(model()).toEqual(trained);
    const tokens = features('账号被盗，密码也被人改了');
    expect(logScores(JSON.parse(JSON.stringify(trained)), tokens)).toEqual(
      logScores(trained, tokens),
    );
  });

  it('scores the category of the text highest and ignores unknown tokens', () => {
    const trained = model();
    const scores = logScores(trained, [...features('refund please, charged twice'), 'zzzz']);
    const best = Object.entries(scores).sort((a, b) => b[1] - a[1])[0][0];
    expect(best).toBe('billing');
  });

  it('names the words that pushed towards the category', () => {
    const trained = model();
    expect(topTerms(trained, tokenize('自动续费扣了钱'), 'billing')).toEqual(
      expect.arrayContaining(['续费']),
    );
    expect(topTerms(trained, tokenize('自动续费扣了钱'), 'account_security')).not.toContain('续费');
  });

  it('learns a weighted correction: similar texts follow it, others keep their verdict', () => {
    const trained = model();
    const similar = '群里每天都有人发天气预报';
    expect(triage(similar, { model: trained, rules: [] }).category).not.toBe('marketing_abuse');
    learn(trained, [
      {
        tokens: features('群里每天早上都有人发天气预报，太烦了'),
        category: 'marketing_abuse',
        weight: 5,
      },
    ]);
    expect(trained.examples).toHaveLength(FIXTURE.length + 1);
    expect(triage(similar, { model: trained, rules: [] }).category).toBe('marketing_abuse');
    expect(triage('我的账号被盗了', { model: trained, rules: [] }).category).toBe(
      'account_security',
    );
    expect(triage('charged twice, refund please', { model: trained, rules: [] }).category).toBe(
      'billing',
    );
  });
});

describe('detectLanguage', () => {
  it.each([
    ['消息延迟十几分钟才收到', 'zh'],
    ['My QQ app crashes on start', 'en'],
    ['更新后app一直crash，打开就退出，really annoying today', 'mixed'],
    ['QQ号被盗了，VIP也没了', 'zh'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('rules', () => {
  it('matches English terms as whole words and Chinese terms anywhere', () => {
    const regex = compilePattern({ pattern: 'ad|广告', isRegex: false });
    expect(regex.test('this is bad')).toBe(false);
    expect(regex.test('an ad popped up')).toBe(true);
    expect(regex.test('又是开屏广告')).toBe(true);
  });

  it('reports which term of which rule matched', () => {
    const rules = compileRules([
      rule({
        id: 'sec',
        name: 'stolen',
        category: 'account_security',
        pattern: '被盗|hacked',
        weight: 2,
      }),
    ]);
    expect(matchRules('账号被盗', rules)).toEqual([
      expect.objectContaining({ id: 'sec', term: '被盗', weight: 2 }),
    ]);
    expect(matchRules('all fine', rules)).toEqual([]);
  });

  it('refuses an invalid regular expression', () => {
    expect(() => compilePattern({ pattern: '(unclosed', isRegex: true })).toThrow();
  });
});

describe('triage', () => {
  it('decides the category from the classifier and explains it', () => {
    const result = triage('账号被盗，密码也被人改了', { model: model(), rules: [] });
    expect(result.category).toBe('account_security');
    expect(result.priority).toBe('P1');
    expect(result.language).toBe('zh');
    expect(result.explanation.topTerms).toEqual(expect.arrayContaining(['被盗']));
  });

  it('lets a rule outweigh the classifier and raise the priority', () => {
    const rules = compileRules([
      rule({
        id: 'money',
        name: 'money lost',
        category: 'billing',
        priority: 'P1',
        pattern: 'stole money',
        weight: 10,
      }),
    ]);
    const result = triage('the app crashes and someone stole money from me', {
      model: model(),
      rules,
    });
    expect(result.category).toBe('billing');
    expect(result.priority).toBe('P1');
    expect(result.explanation.priorityReason).toContain('money lost');
  });

  it('marks text it cannot read as needing review', () => {
    const result = triage('???', { model: model(), rules: [] });
    expect(result).toMatchObject({ confidence: 0, needsReview: true });
  });

  it('is deterministic', () => {
    const context = { model: model(), rules: [] };
    expect(triage('messages arrive late, 视频通话卡顿', context)).toEqual(
      triage('messages arrive late, 视频通话卡顿', context),
    );
  });
});

describe('similarity', () => {
  it('is high for a re-worded repeat and low for another problem', () => {
    expect(
      similarity('我的账号被盗了，对方改了密码', '我的账号被盗了！对方把密码改了'),
    ).toBeGreaterThanOrEqual(0.5);
    expect(similarity('我的账号被盗了', '会员自动续费扣钱')).toBeLessThan(0.2);
  });
});
