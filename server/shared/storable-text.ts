const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** PostgreSQL text holds neither NUL nor half a surrogate pair: why a text cannot be stored, or null. */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'недопустимый символ (NUL)';
  if (LONE_SURROGATE.test(text)) return 'недопустимый символ (одиночный суррогат Юникода)';
  return null;
}
