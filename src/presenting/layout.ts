/**
 * The frame of every page: language, title, the stylesheet, a skip link, the area selector and
 * the footer. The selector is a plain GET form to /profiles (which redirects to the area's page),
 * so it works without JavaScript; the one small script only submits it when the choice changes.
 */
import { type Fragment, Html, html } from './html.js';
import type { GroupingItem, LocalityListItem } from './queries.js';

export const STYLESHEET_PATH = '/assets/profiles.css';

export interface AreaChoices {
  county: { code: string; name: string; groupings: readonly GroupingItem[] };
  localities: readonly LocalityListItem[];
}

/** The selector's value of an area: the path under /profiles/. */
export type AreaPath = 'county' | `${string}/${string}` | string;

/**
 * The localities in sections: by group of the first grouping, in its order; one section of every
 * locality ("Localities") when the geography defines no groupings.
 */
export function localitySections(choices: AreaChoices): { name: string; localities: LocalityListItem[] }[] {
  const first = choices.county.groupings[0];
  if (!first) return [{ name: 'Localities', localities: [...choices.localities] }];
  return first.groups.map((group) => ({
    name: group.name,
    localities: choices.localities.filter((l) => l.groups.some((g) => g.areaCode === group.areaCode)),
  }));
}

function selector(choices: AreaChoices, current: AreaPath | null): Html {
  const option = (value: AreaPath, label: string) =>
    html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;
  return html`<form class="selector" action="/profiles" method="get">
  <label for="area">Area</label>
  <select id="area" name="area">
    ${current === null ? html`<option value="" selected disabled>Choose an area…</option>` : null}
    ${option('county', `${choices.county.name} (county)`)}
    ${choices.county.groupings.map(
      (grouping) => html`<optgroup label="${grouping.name}">${grouping.groups.map((g) => option(g.areaCode, g.name))}</optgroup>`,
    )}
    ${localitySections(choices).map(
      (section) => html`<optgroup label="${section.name}">${section.localities.map((l) => option(l.code, l.name))}</optgroup>`,
    )}
  </select>
  <button type="submit">Show profile</button>
</form>`;
}

// Submits the selector on change; the button stays for keyboard users and for no script.
// Its text is allowed by hash in the pages' Content-Security-Policy (src/server.ts): change both together.
export const AUTO_SUBMIT_SCRIPT = "document.getElementById('area').addEventListener('change',function(e){e.target.form.requestSubmit();});";
const AUTO_SUBMIT = new Html(`<script>${AUTO_SUBMIT_SCRIPT}</script>`);

export function page(options: { title: string; choices: AreaChoices | null; current: AreaPath | null; main: Fragment }): Html {
  return html`<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Locality Intelligence</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<a class="skip-link" href="#main">Skip to main content</a>
<header class="masthead">
  <p class="site"><a href="/profiles">Locality profiles</a></p>
  ${options.choices ? html`<nav aria-label="Choose an area">${selector(options.choices, options.current)}</nav>` : null}
</header>
<main id="main" tabindex="-1">
${options.main}
</main>
<footer class="site-footer">
  <p>Locality Intelligence. The same figures are in the GraphQL API at <code>/graphql</code> and in the CSV downloads. Sources and licences are given with each indicator.</p>
</footer>
${options.choices ? AUTO_SUBMIT : null}
</body>
</html>
`;
}
