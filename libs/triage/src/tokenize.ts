import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

export type Language = 'zh' | 'en' | 'mixed';

const HAN = /\p{Script=Han}/gu;
const LATIN_WORD = /[a-z]{3,}/gi;
/** Latin words common inside Chinese complaints that say nothing about the language. */
const LOANWORDS = new Set([
  'app',
  'vip',
  'wifi',
  'ios',
  'android',
  'iphone',
  'ipad',
  'mac',
  'bug',
  'apk',
  'ok',
]);
const WORD = /[\p{L}\p{N}]/u;
const ONLY_DIGITS = /^\d+$/;
const HAN_ONLY = /^\p{Script=Han}+$/u;
const HAN_RUN = /\p{Script=Han}+/gu;
const ENGLISH_WORD = /[a-z']+/g;
/** Marks the pieces of English words among the features (the classifier weighs them down). */
export const SUBWORD = '~';

const STOP_WORDS = new Set(
  (
    '的 了 是 我 你 他 她 它 们 我们 你们 在 也 都 就 和 与 及 或 有 没 这 那 这个 那个 啊 吧 呢 吗 么 呀 哦 嗯 还 又 很 太 都 把 给 让 对 从 到 ' +
    '一个 一下 一直 已经 什么 怎么 为什么 因为 所以 但是 而且 然后 如果 可以 能 会 要 想 说 去 来 过 着 上 下 里 个 次 天 ' +
    'a an the and or but if then so to of in on at for with from by as is are was were be been being am do does did ' +
    'have has had i me my we our you your he she it its they them their this that these those there here what which who ' +
    'when where why how all any some no not just very can could would should will shall may might must about into than too ' +
    'again also only even still get got im ive dont cant its'
  ).split(/\s+/),
);

let segmenter: Jieba | undefined;

/** One jieba instance per process; loading its dictionary takes ~200 ms, so it happens once. */
export function jieba(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

/** zh, en or mixed, by how many Chinese characters and Latin words the text has. */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0;
  const latin = (text.match(LATIN_WORD) ?? []).filter(
    (w) => !LOANWORDS.has(w.toLowerCase()),
  ).length;
  // Roughly 1.7 Chinese characters make a word; compare words with words.
  const zhWords = han / 1.7;
  if (zhWords + latin === 0) return 'en';
  const share = zhWords / (zhWords + latin);
  return share >= 0.8 ? 'zh' : share <= 0.2 ? 'en' : 'mixed';
}

/** Crude English stemming: enough to make "crashes", "crashed" and "crashing" one feature. */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * Words of a complaint: jieba segments Chinese (and splits English on spaces), English words are
 * lower-cased and stemmed, stop words and bare numbers dropped.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const raw of jieba().cut(text.toLowerCase(), true)) {
    const word = raw.trim();
    if (!WORD.test(word) || ONLY_DIGITS.test(word) || STOP_WORDS.has(word)) continue;
    tokens.push(HAN_ONLY.test(word) ? word : stem(word));
  }
  return tokens;
}

/**
 * Classifier features: the words, plus the single characters and two-character pieces of every run
 * of Chinese characters (so texts segmented differently — 账号被盗 vs 账号 被盗 — still share
 * features, and a word jieba does not know still counts by its characters), pairs of adjacent
 * English words ("not working", "charged twice" say more than their words alone) and the three- and
 * four-letter pieces of every English word, edges marked (`~<acc`, `~ount`, `~nt>`), so a misspelt or
 * differently inflected word ("pasword", "refunded") still shares most of its features.
 */
export function features(text: string, words: readonly string[] = tokenize(text)): string[] {
  const result = [...words];
  for (const run of text.match(HAN_RUN) ?? []) {
    for (let i = 0; i < run.length; i++) result.push(`#${run[i]}`);
    for (let i = 0; i + 2 <= run.length; i++) result.push(`#${run.slice(i, i + 2)}`);
  }
  const english = text.toLowerCase().match(ENGLISH_WORD) ?? [];
  for (let i = 0; i + 1 < english.length; i++) result.push(`${english[i]}_${english[i + 1]}`);
  for (const word of english) {
    const marked = `<${word}>`;
    for (let n = 3; n <= 4; n++)
      for (let i = 0; i + n <= marked.length; i++)
        result.push(`${SUBWORD}${marked.slice(i, i + n)}`);
  }
  return result;
}
