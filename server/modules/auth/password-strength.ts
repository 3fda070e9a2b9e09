import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/**
 * Passwords Russian users reach for first, which the library's dictionaries (common and English;
 * it publishes no Russian one) do not know: Cyrillic keyboard rows, «пароль» in both scripts,
 * and the names of this product and its field.
 */
const RUSSIAN_COMMON = [
  'пароль',
  'parol',
  'gfhjkm',
  'йцукен',
  'йцукенгшщз',
  'фывапролд',
  'ячсмить',
  'qwertyuiop',
  'привет',
  'privet',
  'любовь',
  'lubov',
  'солнышко',
  'наташа',
  'natasha',
  'россия',
  'rossiya',
  'москва',
  'moskva',
  'максим',
  'maksim',
  'администратор',
  'admin',
  'razbor',
  'разбор',
  'мсэ',
  'смо',
  'омс',
  'тфомс',
  'tfoms',
  'медицина',
  'больница',
  'поликлиника',
  'врач',
  'vrach',
];

const MINIMUM_SCORE = 3;

const WARNINGS: Record<string, string> = {
  straightRow: 'ряд клавиш подряд легко подобрать',
  keyPattern: 'короткие узоры на клавиатуре легко подобрать',
  simpleRepeat: 'повторы символов вроде «aaa» легко подобрать',
  extendedRepeat: 'повторы вроде «abcabc» легко подобрать',
  sequences: 'последовательности вроде «abc» или «123» легко подобрать',
  recentYears: 'недавние годы легко подобрать',
  dates: 'даты легко подобрать',
  topTen: 'это один из самых частых паролей',
  topHundred: 'это очень частый пароль',
  common: 'это распространённый пароль',
  similarToCommon: 'он похож на распространённый пароль',
  wordByItself: 'одно слово легко подобрать',
  namesByThemselves: 'имена и фамилии легко подобрать',
  commonNames: 'распространённые имена и фамилии легко подобрать',
  userInputs: 'в нём есть логин, имя или название системы',
};

/** Built when a password is first checked: ranking the dictionaries costs every process that starts (a CLI, a worker) a fifth of a second. */
let estimator: ZxcvbnFactory | null = null;
const passwordEstimator = (): ZxcvbnFactory =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, russianCommon: RUSSIAN_COMMON },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

/**
 * Why a password is too easy to guess (in Russian), or null when it is strong enough: an
 * estimate of guesses by a maintained estimator (zxcvbn-ts), not a list of character rules.
 * `personal` are the user's own words (login, name) that must not carry the password.
 */
export function passwordWeakness(password: string, personal: Array<string | null | undefined> = []): string | null {
  const words = personal
    .flatMap((p) => [p ?? '', ...(p ?? '').split(/[\s.,_-]+/)])
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 3);
  const result = passwordEstimator().check(password, words);
  if (result.score >= MINIMUM_SCORE) return null;
  const warning = result.feedback.warning ? WARNINGS[result.feedback.warning] : null;
  return `Пароль слишком простой${warning ? `: ${warning}` : ''}. Возьмите три-четыре случайных слова или длинную фразу`;
}
