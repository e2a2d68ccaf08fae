// The development chat sink process started by `tributary platform up`: the notifier's
// NOTIFIER_WEBHOOK_URL points here, and each message it receives is logged as one JSON line
// (see `tributary platform logs chat-sink`).
import { createLogger } from '@tributary/logger';
import { createChatSink } from './create-chat-sink.ts';

const logger = createLogger({ serviceName: 'tributary-chat-sink' });
const port = Number(process.env.TRIBUTARY_CHAT_SINK_PORT ?? '9479');
// Loopback unless told otherwise (docker-compose binds all interfaces of its container).
const host = process.env.TRIBUTARY_CHAT_SINK_HOST?.trim() || '127.0.0.1';

try {
  const sink = await createChatSink({ port, host, logger });
  logger.info({ url: sink.url }, 'chat sink listening');
  const stop = () => void sink.close().then(() => logger.info({}, 'chat sink stopped'));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error: unknown) {
  logger.fatal({ err: error, port }, 'chat sink failed to start');
  process.exitCode = 1;
}
