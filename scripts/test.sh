#!/usr/bin/env bash
# Runs the test suite (vitest inside workerd) and ends with the line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
REPORT=.vitest-report.json

if ! . scripts/setup.sh || ! ensure_test_peers || ! ensure_node_modules || ! ensure_face_service || ! ensure_assets; then
  echo "test set-up failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

rm -f "$REPORT"
npx vitest run --reporter=default --reporter=json --outputFile="$REPORT" "$@"
status=$?

node - "$REPORT" "$status" <<'JS'
const { readFileSync } = require("node:fs");
const [path, status] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(path, "utf8"));
} catch {
  console.error(`no test report (${path}); vitest exited with ${status}`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const passed = report.numPassedTests ?? 0;
let failed = report.numFailedTests ?? 0;
// A test file that failed to load, or an error outside any test, fails no test but fails the run.
for (const file of report.testResults ?? []) {
  const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed").length;
  if (file.status === "failed" && failedTests === 0) failed += 1;
}
if (failed === 0 && (Number(status) !== 0 || report.success === false)) failed = 1;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
JS
