// Helpers for operations' request builders (autocannon `requests` entries).

/**
 * A `setupRequest` that cycles through `paths` (shared across all connections, so the load is
 * spread evenly over the list).
 */
export function rotatePaths(paths) {
  if (paths.length === 0) throw new Error("rotatePaths: empty list");
  let next = 0;
  return (request) => {
    request.path = paths[next];
    next = (next + 1) % paths.length;
    return request;
  };
}

/**
 * A `setupRequest` that sets a fresh JSON body per request: `makeBody(n)` gets a counter unique
 * within this process (combine it with ctx.runId for values unique across runs).
 */
export function uniqueBody(makeBody) {
  let n = 0;
  return (request) => {
    request.body = JSON.stringify(makeBody(n++));
    return request;
  };
}
