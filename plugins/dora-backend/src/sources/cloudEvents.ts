import { InputError } from '@backstage/errors';
import { parseInput } from '@internal/plugin-dora-common';
import { z } from 'zod';

/** A CloudEvent reduced to what the adapter reads; `data` is the CDEvent. */
export type CloudEvent = {
  id: string;
  source: string;
  type: string;
  time?: string;
  data: unknown;
};

const CE_HEADERS = ['id', 'source', 'type', 'specversion'] as const;

const attribute = z.string({ error: 'required CloudEvent attribute' }).min(1);

/** A structured-mode CloudEvent: its attributes, and the CDEvent as `data`. */
const structuredEvent = z
  .looseObject({
    id: attribute,
    source: attribute,
    type: attribute,
    specversion: attribute,
  })
  .superRefine((event, ctx) => {
    if (event.data === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['data'],
        message: 'the CDEvent is missing',
      });
    }
  });

/**
 * Reads CloudEvents from an HTTP request in either content mode: structured
 * (`application/cloudevents+json`, attributes in the body), batched
 * (`application/cloudevents-batch+json`), or binary (attributes in `ce-*` headers, the CDEvent
 * as the body).
 */
export function readCloudEvents(
  contentType: string | undefined,
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
): CloudEvent[] {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/cloudevents-batch+json') {
    const events = parseInput(
      z.array(structuredEvent, { error: 'must be an array of CloudEvents' }),
      body,
    );
    return events.map((e, i) => structured(e, `[${i}]`));
  }
  if (mediaType === 'application/cloudevents+json') {
    return [structured(parseInput(structuredEvent, body), '')];
  }
  const header = (name: string) => {
    const value = headers[`ce-${name}`];
    return Array.isArray(value) ? value[0] : value;
  };
  for (const name of CE_HEADERS) {
    if (!header(name)) {
      throw new InputError(
        `ce-${name}: header required for a binary-mode CloudEvent (or send application/cloudevents+json)`,
      );
    }
  }
  return [
    {
      id: header('id')!,
      source: header('source')!,
      type: header('type')!,
      time: header('time'),
      data: body,
    },
  ];
}

function structured(
  event: z.output<typeof structuredEvent>,
  path: string,
): CloudEvent {
  const at = path ? `${path}.data` : 'data';
  return {
    id: event.id,
    source: event.source,
    type: event.type,
    time: typeof event.time === 'string' ? event.time : undefined,
    data:
      typeof event.data === 'string' ? parseJson(event.data, at) : event.data,
  };
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${field}: not valid JSON`);
  }
}
