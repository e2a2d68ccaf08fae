import { IngressError } from '../errors/ingress-error.ts';
import { type LocatorInput, locateField, type ResolvedLocator } from './field-locator.ts';

/** Longest event id, type or partition key accepted, in characters. */
export const maxEventFieldChars = 512;

/** Where one source finds its event fields, each list tried in order. */
export interface EventFieldLocators {
  /** Empty, or nothing found: the id is derived from the source and the body digest. */
  readonly eventId: readonly ResolvedLocator[];
  /** Nothing found is a 400 `missing_event_type`. */
  readonly eventType: readonly ResolvedLocator[];
  /** Empty, or nothing found: the event id is the key. */
  readonly partitionKey: readonly ResolvedLocator[];
}

/** The fields the envelope and the Kafka record need. */
export interface EventFields {
  readonly eventId: string;
  /** True when no locator found an id and it was derived from the body digest. */
  readonly eventIdDerived: boolean;
  readonly eventType: string;
  readonly partitionKey: string;
}

/**
 * The event id of a delivery whose provider sends none: `<source>:sha256:<body digest>`, so an
 * identical redelivery of the same body to the same source gets the same id and is recognised
 * downstream, while identical bodies sent to two sources stay distinct events.
 */
export function deriveEventId(source: string, bodySha256: string): string {
  return `${source}:sha256:${bodySha256}`;
}

/**
 * Reads the event id, type and partition key of a delivery. Throws {@link IngressError}
 * `missing_event_type` when no type is found, `invalid_event_field` when a value found is
 * longer than {@link maxEventFieldChars}.
 */
export function extractEventFields(
  source: string,
  bodySha256: string,
  locators: EventFieldLocators,
  input: LocatorInput,
): EventFields {
  const foundId = checkLength('event id', locateField(locators.eventId, input));
  const eventType = checkLength('event type', locateField(locators.eventType, input));
  if (eventType === undefined) {
    throw new IngressError('missing_event_type', `no event type found for source ${source}`);
  }

  const eventId = foundId ?? deriveEventId(source, bodySha256);
  const partitionKey = checkLength('partition key', locateField(locators.partitionKey, input));
  return {
    eventId,
    eventIdDerived: foundId === undefined,
    eventType,
    partitionKey: partitionKey ?? eventId,
  };
}

function checkLength(what: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.length > maxEventFieldChars) {
    throw new IngressError('invalid_event_field', `${what} is ${value.length} characters long`, {
      reason: `${what} longer than ${maxEventFieldChars} characters`,
    });
  }
  return value;
}
