/**
 * Calls `fn` once when the process's parent exits (its parent process id changes: the orphan is
 * adopted by init or a subreaper). npm does not pass a SIGTERM sent to it on to the script it runs:
 * it exits, and `npm start`'s apps would run on as orphans. Polls; the timer does not keep the
 * process alive.
 */
export function onParentExit(fn, intervalMs = 500) {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    fn();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
