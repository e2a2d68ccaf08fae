// The event contract shared by the ingress and every consumer service: the webhook
// envelope and its registry codec, topic names and the topic catalog, Kafka header names.

export type {
  ApplyTopicPlanOptions,
  ApplyTopicPlanResult,
  TopicChange,
} from './catalog/apply-topic-plan.ts';
export { applyTopicPlan } from './catalog/apply-topic-plan.ts';
export type { GroupSourceRoute, GroupTopology, RetryTier } from './catalog/group-topology.ts';
export { groupTopology } from './catalog/group-topology.ts';
export type { KafkaTopicAdmin, KafkaTopicAdminOptions } from './catalog/kafka-topic-admin.ts';
export { createKafkaTopicAdmin } from './catalog/kafka-topic-admin.ts';
export {
  defaultCatalogFile,
  loadTopicCatalog,
  parseTopicCatalog,
} from './catalog/load-topic-catalog.ts';
export type { ExistingTopic, TopicAdminPort } from './catalog/topic-admin-port.ts';
export type {
  ConsumerGroupEntry,
  SourceTopicEntry,
  SourceTopicRef,
  TopicCatalog,
} from './catalog/topic-catalog.ts';
export type { TopicSpec } from './catalog/topic-plan.ts';
export { deriveTopicPlan, forwardHeaderAllowanceBytes } from './catalog/topic-plan.ts';
export type { ApplyTopicCatalogOptions } from './cli/apply-topic-catalog.ts';
export { applyTopicCatalog } from './cli/apply-topic-catalog.ts';
export type { CheckEnvelopeSchemasOptions } from './cli/check-envelope-schemas.ts';
export { checkEnvelopeSchemas } from './cli/check-envelope-schemas.ts';
export type { EnvelopeSchemaTarget } from './cli/envelope-schema-target.ts';
export type { RegisterEnvelopeSchemasOptions } from './cli/register-envelope-schemas.ts';
export { registerEnvelopeSchemas } from './cli/register-envelope-schemas.ts';
export type { CommandOutput } from './cli/run-command.ts';
export { processOutput, runCommand } from './cli/run-command.ts';
export type { EnvelopeCodec, EnvelopeCodecOptions } from './codec/envelope-codec.ts';
export { createEnvelopeCodec } from './codec/envelope-codec.ts';
export type { FramedRecord } from './codec/wire-format.ts';
export { frameRecord, unframeRecord } from './codec/wire-format.ts';
export type { WriterSchemaCache } from './codec/writer-schema-cache.ts';
export { createWriterSchemaCache } from './codec/writer-schema-cache.ts';
export type { EnvelopeSchemaVersion } from './envelope/envelope-schemas.ts';
export {
  envelopeRecordName,
  envelopeSchemaDir,
  loadEnvelopeSchema,
  loadEnvelopeSchemas,
} from './envelope/envelope-schemas.ts';
export type {
  AnyWebhookEnvelope,
  Verification,
  WebhookEnvelope,
  WebhookEnvelopeV1,
  WebhookEnvelopeV2,
} from './envelope/webhook-envelope.ts';
export { type CodedErrorFields, codedErrorJson } from './errors/coded-error-json.ts';
export type { ContractErrorCode, ContractErrorOptions } from './errors/contract-error.ts';
export { ContractError, contractErrorCodes, isContractError } from './errors/contract-error.ts';
export type { KafkaHeaderName } from './headers/kafka-header-names.ts';
export { kafkaHeaderNames } from './headers/kafka-header-names.ts';
export type { ConfluentRegistryPortOptions } from './registry/confluent-registry-port.ts';
export { createConfluentRegistryPort } from './registry/confluent-registry-port.ts';
export type { SchemaRegistryPort } from './registry/schema-registry-port.ts';
export { avroTypeOptions } from './schema/avro-type-options.ts';
export type { LoadedSchema } from './schema/load-schema-file.ts';
export { loadSchemaFile, parseSchemaText } from './schema/load-schema-file.ts';
export type { GroupTopicParts, SourceTopicParts } from './topics/topic-names.ts';
export {
  consumerGroupId,
  dedupTopicName,
  dlqTopicName,
  maxTopicNameLength,
  retryTopicName,
  sourceTopicName,
  valueSubjectName,
} from './topics/topic-names.ts';
