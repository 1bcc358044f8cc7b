// Baseline: the cheapest request the Worker serves (no token check, no D1). Its figures are the
// ceiling of this set-up (autocannon + wrangler dev + workerd on the same machine), against which
// the API operations can be read.
export const health = {
  name: "health",
  description: "GET /health (no auth, no database): harness and wrangler dev ceiling",
  floor: "noop",
  requests: () => [{ method: "GET", path: "/health" }],
};

export const operations = [health];
