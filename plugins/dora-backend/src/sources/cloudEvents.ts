import { InputError } from '@backstage/errors';
import { object } from './types';

/** A CloudEvent reduced to what the adapter reads; `data` is the CDEvent. */
export type CloudEvent = {
  id: string;
  source: string;
  type: string;
  time?: string;
  data: unknown;
};

const CE_HEADERS = ['id', 'source', 'type', 'specversion'] as const;

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
    if (!Array.isArray(body))
      throw new InputError('body: must be an array of CloudEvents');
    return body.map((e, i) => structured(e, `[${i}]`));
  }
  if (mediaType === 'application/cloudevents+json') {
    return [structured(body, '')];
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

function structured(value: unknown, path: string): CloudEvent {
  const event = object(value, path ? `body${path}` : 'body');
  const at = (key: string) => (path ? `${path}.${key}` : key);
  for (const key of ['id', 'source', 'type', 'specversion']) {
    if (typeof event[key] !== 'string' || event[key] === '') {
      throw new InputError(`${at(key)}: required CloudEvent attribute`);
    }
  }
  if (event.data === undefined) {
    throw new InputError(`${at('data')}: the CDEvent is missing`);
  }
  const data =
    typeof event.data === 'string'
      ? parseJson(event.data, at('data'))
      : event.data;
  return {
    id: event.id,
    source: event.source,
    type: event.type,
    time: event.time,
    data,
  };
}

function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(`${field}: not valid JSON`);
  }
}
