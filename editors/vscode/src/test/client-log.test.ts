import assert from "node:assert/strict";
import { test } from "node:test";

import { failedByRestart, isCleanExit } from "../client-log";

test("the server's exit with code 0 after a stop is no error; any other exit is", () => {
  assert.equal(isCleanExit("Server process exited with code 0.", true), true);
  // The server went away on its own, or failed: still an error.
  assert.equal(isCleanExit("Server process exited with code 0.", false), false);
  assert.equal(isCleanExit("Server process exited with code 1.", true), false);
  assert.equal(isCleanExit("Server process exited with signal SIGKILL.", true), false);
  assert.equal(isCleanExit("Request textDocument/hover failed.", true), false);
});

test("a request failing during a restart is no error; one failing on a running server is", () => {
  assert.equal(failedByRestart(true, true), true);
  assert.equal(failedByRestart(true, false), true);
  assert.equal(failedByRestart(false, false), true);
  assert.equal(failedByRestart(false, true), false);
});
