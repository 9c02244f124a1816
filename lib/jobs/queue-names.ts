// The queues' names, apart from queue.ts so that pages can count waiting jobs without loading
// pg-boss.
export const SYNC_QUEUE = "stocklock-sync";
export const PUSH_QUEUE = "stocklock-push";
/** The alert evaluation, every minute (lib/jobs/alerts.ts). */
export const ALERTS_QUEUE = "stocklock-alerts";
export const tickQueue = (type: string) => `stocklock-tick-${type}`;
/** One stored webhook delivery to process (lib/jobs/shopify-webhooks.ts). */
export const WEBHOOK_QUEUE = "stocklock-webhook";
