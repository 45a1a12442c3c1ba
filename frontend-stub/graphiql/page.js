/**
 * GraphiQL against this server, signed in the way the board is: the token the board keeps (or a
 * `#token=` sign-in link opened here) fills the Authorization header, which stays editable.
 * Queries and mutations go over HTTP; subscriptions over the board's graphql-transport-ws client.
 */
import { token } from '/board/auth.js';
import { createClient } from '/board/graphql-ws.js';

const HTTP_ENDPOINT = new URL('/graphql', location.href);
const WS_ENDPOINT = new URL(HTTP_ENDPOINT);
WS_ENDPOINT.protocol = HTTP_ENDPOINT.protocol === 'https:' ? 'wss:' : 'ws:';

const DEFAULT_QUERY = `# Run with Ctrl-Enter. The Docs button on the left
# describes every type, query, mutation and subscription.

{
  viewer { handle role }
}
`;

/** Sends a query or mutation with exactly the headers in GraphiQL's editor. */
async function overHttp(request, headers) {
  const response = await fetch(HTTP_ENDPOINT, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify(request),
  });
  // A refused credential (401/403) still has a GraphQL-shaped body that says why: show it.
  return response.json().catch(() => ({ errors: [{ message: `The server answered ${response.status}.` }] }));
}

/**
 * One WebSocket per set of headers, kept for the page's life: the headers are the connection_init
 * payload, so other headers need another connection. A refused one is forgotten, to be tried afresh.
 */
const sockets = new Map();

function socketFor(headers) {
  const key = JSON.stringify(headers);
  if (!sockets.has(key)) {
    const streams = new Set();
    const client = createClient({
      url: WS_ENDPOINT.href,
      connectionParams: () => headers,
      onState: (state) => {
        if (state.phase === 'signed-out') {
          sockets.delete(key);
          streams.forEach((observer) => observer.signedOut(state.reason));
        }
      },
    });
    sockets.set(key, { client, streams });
  }
  return sockets.get(key);
}

/** A subscription, in the Observable shape GraphiQL shows result by result until stopped. */
function overWebSocket(request, headers) {
  return {
    subscribe(observer) {
      const { client, streams } = socketFor(headers);
      const stream = {
        signedOut: (reason) => end([{ message: reason }]),
      };
      function end(errors) {
        streams.delete(stream);
        unsubscribe();
        observer.next({ errors });
        observer.complete();
      }
      streams.add(stream);
      const unsubscribe = client.subscribe(request, {
        next: (result) => observer.next(result),
        // Errors are shown in the result pane like those of a query.
        error: (errors) => end(errors),
        complete: () => {
          streams.delete(stream);
          observer.complete();
        },
      });
      return {
        unsubscribe() {
          streams.delete(stream);
          unsubscribe();
        },
      };
    },
  };
}

function fetcher(request, options = {}) {
  const headers = options.headers ?? {};
  // The introspection query GraphiQL sends for the docs has no parsed document: it is a query.
  const operation = options.documentAST
    && GraphiQL.GraphQL.getOperationAST(options.documentAST, request.operationName);
  return operation?.operation === 'subscription' ? overWebSocket(request, headers) : overHttp(request, headers);
}

const signedIn = token();
document.getElementById('sign-in-hint').hidden = Boolean(signedIn);

const root = ReactDOM.createRoot(document.getElementById('graphiql'));
root.render(React.createElement(GraphiQL, {
  fetcher,
  defaultQuery: DEFAULT_QUERY,
  // A link may carry its query (`/graphiql?query=...`); it opens in a tab of its own.
  query: new URLSearchParams(location.search).get('query') ?? undefined,
  // Default headers fill every new tab; GraphiQL does not keep headers itself, so the token
  // lives only where the board keeps it.
  defaultHeaders: JSON.stringify({ Authorization: `Bearer ${signedIn ?? '<paste a token>'}` }, null, 2),
  defaultEditorToolsVisibility: 'headers',
}));
