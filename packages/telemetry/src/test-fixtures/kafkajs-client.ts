// Test fixture: a module holding kafkajs, as an application module would. Loaded with its own
// `--import` before the bootstrap, it keeps the copy of kafkajs the bootstrap never saw.
export { Kafka, logLevel } from 'kafkajs';
