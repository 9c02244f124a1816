// The queues' names, apart from queue.ts so that pages can count waiting jobs without loading
// pg-boss.
export const SYNC_QUEUE = "stocklock-sync";
export const PUSH_QUEUE = "stocklock-push";
export const tickQueue = (type: string) => `stocklock-tick-${type}`;
