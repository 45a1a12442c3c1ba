/**
 * What the board tells the server about itself, in one place: the headers of every HTTP request
 * and the payload of every WebSocket connection_init come from here.
 *
 * Reading needs no credentials today. When the server starts asking for a token, this module
 * obtains it and adds it to both; nothing else in the board changes.
 */

/** Extra headers for each GraphQL request over HTTP. */
export function requestHeaders() {
  return {};
}

/** The payload of connection_init, sent on every (re)connect of the WebSocket. */
export function connectionInitPayload() {
  return {};
}
