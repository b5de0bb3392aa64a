/**
 * The first five minutes: `/` is a home page linking what the server offers (the profiles, the API
 * and its schema, the health check, the README's first query), and `/graphql` opened in a browser
 * is GraphiQL, served from the project's own dependencies (the `graphiql` package's bundle and
 * React's), so it works on a closed network. POSTs and GraphQL GETs to /graphql still go to
 * Apollo (the IDE is only for a browser asking for HTML without a `query`).
 *
 *   GET /                       the home page
 *   GET /graphql (Accept: text/html, no ?query=)   GraphiQL; ?q=<document> opens it with that query
 *   GET /graphiql/<asset>       the IDE's scripts and styles, from node_modules
 *   GET /schema.graphql         the schema in SDL, printed from the running server's schema
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Request, Router } from 'express';
import { type GraphQLSchema, printSchema } from 'graphql';
import { escapeHtml } from '../presenting/html.js';

const require = createRequire(import.meta.url);
/** A file of an installed package (its "exports" do not list the browser bundles). */
const packageFile = (name: string, file: string) => path.join(path.dirname(require.resolve(`${name}/package.json`)), file);

/** The IDE's files: the name it is served under, and the file in node_modules. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'react.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

/** The README's first query: the one a newcomer is told to try. */
export const FIRST_QUERY = '{ localities { code name groups { name } } }';

const page = (title: string, body: string) => `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/assets/profiles.css">
</head>
<body>
${body}
</body>
</html>
`;

function homePage(): string {
  const ide = (query: string) => `/graphql?q=${encodeURIComponent(query)}`;
  return page(
    'Locality Intelligence',
    `<main id="main">
<h1>Locality Intelligence</h1>
<p>One GraphQL API over a county's partnership records and locality statistics.</p>
<ul>
<li><a href="/profiles">Locality profiles</a>: every locality, group of localities and the whole area, as pages and CSV downloads</li>
<li><a href="/graphql">The GraphQL API</a> (opens GraphiQL, an IDE that works offline; POST queries to <code>/graphql</code>)</li>
<li><a href="/schema.graphql">The schema</a>: every type and field, with its description</li>
<li><a href="/healthz">The health check</a>: both stores</li>
<li>The first query: <a href="${escapeHtml(ide(FIRST_QUERY))}"><code>${escapeHtml(FIRST_QUERY)}</code></a></li>
</ul>
</main>`,
  );
}

function graphiqlPage(query: string | null): string {
  // The initial query is data, not markup: JSON inside a script, with "<" escaped so it cannot close it.
  const settings = JSON.stringify({ query, defaultQuery: `# The README's first query: press the run button.\n${FIRST_QUERY}\n` }).replaceAll('<', '\\u003c');
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL: Locality Intelligence</title>
<link rel="stylesheet" href="/graphiql/graphiql.css">
<style>body { margin: 0; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="/graphiql/react.js"></script>
<script src="/graphiql/react-dom.js"></script>
<script src="/graphiql/graphiql.js"></script>
<script id="graphiql-settings" type="application/json">${settings}</script>
<script src="/graphiql/start.js"></script>
</body>
</html>
`;
}

/** Starts GraphiQL against this server's /graphql (a file, so a strict Content-Security-Policy can allow it). */
const START_SCRIPT = `(function () {
  var settings = JSON.parse(document.getElementById('graphiql-settings').textContent);
  var props = { fetcher: GraphiQL.createFetcher({ url: '/graphql' }), defaultQuery: settings.defaultQuery };
  if (settings.query) props.query = settings.query;
  ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));
})();
`;

const wantsIde = (req: Request) => req.query.query === undefined && req.accepts(['application/json', 'text/html']) === 'text/html';

export function homeRouter(schema: GraphQLSchema): Router {
  const router = Router();
  const sdl = printSchema(schema);
  router.get('/', (_req, res) => {
    res.type('text/html; charset=utf-8').send(homePage());
  });
  router.get('/graphql', (req, res, next) => {
    if (!wantsIde(req)) return next();
    const q = typeof req.query.q === 'string' ? req.query.q : null;
    res.type('text/html; charset=utf-8').send(graphiqlPage(q));
  });
  router.get('/graphiql/start.js', (_req, res) => {
    res.type('text/javascript; charset=utf-8').send(START_SCRIPT);
  });
  router.get('/graphiql/:asset', (req, res, next) => {
    const asset = ASSETS[req.params.asset];
    if (!asset) return next();
    res.type(asset.type).sendFile(asset.file, { maxAge: '1d' });
  });
  router.get('/schema.graphql', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(sdl);
  });
  return router;
}
