/**
 * Counts the event loop's turns while a long task runs — what an INVITE or a keep-alive arriving
 * meanwhile would get. `stop()` ends the counting and says how many turns there were.
 */
export function countEventLoopTurns(): { stop(): number } {
  let turns = 0;
  let running = true;
  const turn = () => {
    if (!running) return;
    turns++;
    setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop() {
      running = false;
      return turns;
    },
  };
}
