// Returns: a sold, shipped unit coming back (stock_returns). Signals make `expected` returns
// (on-events.ts, expect.ts); staff receive, restock or write them off (resolve.ts).

export { expectReturns, type ReturnSignal, type SignalOutcome } from "./expect";
export { expectReturnsOnEvents } from "./on-events";
export {
  createManualReturn,
  type RestockResult,
  type ReturnChange,
  receiveReturn,
  restockReturn,
  writeOffReturn,
} from "./resolve";
export {
  performReturnAction,
  type ReturnAction,
  type ReturnActionResult,
  type ReturnActor,
  returnAuditActions,
} from "./staff-actions";
