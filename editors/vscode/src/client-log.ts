// Which of vscode-languageclient's error lines are no errors. Pure, tested by `npm test`;
// extension.ts applies it to the client's log.

/** "Server process exited with code 0." after the extension stopped the server (a restart,
 *  a settings change, closing the window) is the clean end the extension asked for. */
export function isCleanExit(message: string, stopRequested: boolean): boolean {
  return stopRequested && /^Server process exited with code 0\.?$/.test(message.trim());
}

/** A request that fails once the client is stopping, stopped or not yet running (a code
 *  action or hover racing a restart) failed because of the restart, not the server: VS Code
 *  asks again of the new server. */
export function failedByRestart(stopRequested: boolean, running: boolean): boolean {
  return stopRequested || !running;
}
