// The autocannon requests of a two-step ceremony (start, then complete with what the start
// returned), rotating over the set-up entries: one exchange per pair of requests.

/**
 * `startPath(entry)` names the start call (body `{}`, 201 expected); `completePath(start)` and
 * `completeBody(start, entry)` build the completion from the start's JSON (null when it failed).
 */
export function exchangeRequests(state, { startPath, completePath, completeBody }) {
  return [
    {
      method: "POST",
      setupRequest(request, context) {
        const entry = state.registered[state.next++ % state.registered.length];
        context.entry = entry;
        request.path = startPath(entry);
        request.body = "{}";
        return request;
      },
      onResponse(status, body, context) {
        context.start = status === 201 ? JSON.parse(body) : null;
      },
    },
    {
      method: "POST",
      setupRequest(request, context) {
        request.path = completePath(context.start);
        request.body = JSON.stringify(completeBody(context.start, context.entry));
        return request;
      },
    },
  ];
}
