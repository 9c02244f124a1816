export type { AlertThresholds, SyncInterval } from "./conditions";
export {
  channelsFromEnv,
  type EvaluateOptions,
  type EvaluateReport,
  evaluateAlerts,
  listOpenAlerts,
  type OpenAlert,
  thresholdsFromEnv,
} from "./evaluate";
export {
  type AlertChannel,
  type AlertMessage,
  alertText,
  emailChannel,
  webhookChannel,
} from "./notify";
