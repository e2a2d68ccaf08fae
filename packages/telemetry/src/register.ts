// The telemetry bootstrap. Every service starts as
//   node --import @tributary/telemetry/register <entry>
// so this module finishes (top-level await) before the entry or anything it imports loads:
// instrumentations only patch modules loaded after them. It is the edge where the OTEL_*
// and npm_package_* variables are read; see `telemetryOptionsFromEnv`.
import { startTelemetry } from './start-telemetry.ts';
import { telemetryOptionsFromEnv } from './telemetry-options.ts';

await startTelemetry(telemetryOptionsFromEnv(process.env));
