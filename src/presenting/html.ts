/**
 * HTML that cannot carry unescaped data: pages are written as `html` tagged templates, and every
 * value interpolated into one is escaped (the five characters OWASP names: & < > " '), unless it
 * is itself `Html` made by this module. So markup is only ever written in template literals here,
 * and data (names, definitions, sources, codes from the URL) can only enter as text.
 *
 * Attribute values are always written in double quotes in the templates; the escaping covers
 * both quote characters anyway.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Markup made by `html`: the only thing inserted into a template unescaped. */
export class Html {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

/** What a template accepts: text and numbers (escaped), markup, lists of them; nothing for null/false. */
export type Fragment = Html | string | number | null | undefined | false | readonly Fragment[];

function render(fragment: Fragment): string {
  if (fragment === null || fragment === undefined || fragment === false) return '';
  if (fragment instanceof Html) return fragment.markup;
  if (Array.isArray(fragment)) return fragment.map(render).join('');
  return escapeHtml(String(fragment));
}

export function html(strings: TemplateStringsArray, ...values: readonly Fragment[]): Html {
  let markup = strings[0]!;
  values.forEach((value, i) => {
    markup += render(value) + strings[i + 1]!;
  });
  return new Html(markup);
}
