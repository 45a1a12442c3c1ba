/**
 * The board's credential, in one place: the headers of every HTTP request and the payload of
 * every WebSocket connection_init come from here.
 *
 * A sign-in link (`/board/#token=...`, printed by the server on its first start) or a pasted
 * token is kept in this browser's local storage until "Sign out". The token is taken out of the
 * address bar at once, so it is not left in history or shared with a screenshot of the URL.
 */
const STORAGE_KEY = 'incident-command.token';
const LINK_PREFIX = '#token=';

if (location.hash.startsWith(LINK_PREFIX)) {
  const fromLink = decodeURIComponent(location.hash.slice(LINK_PREFIX.length)).trim();
  if (fromLink) {
    localStorage.setItem(STORAGE_KEY, fromLink);
  }
  history.replaceState(null, '', location.pathname + location.search);
}

/** The token this board signs in with, or null. */
export function token() {
  return localStorage.getItem(STORAGE_KEY);
}

/** Keeps a pasted token; the board then starts over with it. */
export function signIn(pasted) {
  const value = pasted.trim().replace(/^Bearer\s+/i, '');
  if (value) {
    localStorage.setItem(STORAGE_KEY, value);
  }
}

/** Forgets the token on this browser. */
export function signOut() {
  localStorage.removeItem(STORAGE_KEY);
}

/** Extra headers for each GraphQL request over HTTP. */
export function requestHeaders() {
  const current = token();
  return current ? { Authorization: `Bearer ${current}` } : {};
}

/** The payload of connection_init, sent on every (re)connect of the WebSocket. */
export function connectionInitPayload() {
  const current = token();
  return current ? { Authorization: `Bearer ${current}` } : {};
}
