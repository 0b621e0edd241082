/** Small HTTP helpers shared by the router and the watch stream. */
import { IncomingMessage, ServerResponse } from 'node:http';
import { PatchError } from '../patch/jsonPatch';
import {
  PROTOBUF_CONTENT_TYPE,
  canEncodeProtobuf,
  encodeProtobufObject,
} from '../protobuf';
import { prefersProtobuf } from '../protobuf/negotiate';
import { decodeRequestBody } from './body';
import { ApiError, errors } from './errors';

const MAX_BODY = 8 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(
          new ApiError({
            ...errors.badRequest('request body too large').status,
            code: 413,
            reason: 'RequestEntityTooLarge',
          }),
        );
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(
          decodeRequestBody(Buffer.concat(chunks), req.headers['content-type']),
        );
      } catch (e) {
        reject(e);
      }
    });
    req.on('error', reject);
  });
}

/**
 * The protobuf form of a response body when the client prefers protobuf and
 * the type has a codec; undefined means answer JSON. A body our codec cannot
 * represent also falls back to JSON: clients that send protobuf (client-go)
 * list JSON in Accept as well.
 */
function protobufBody(res: ServerResponse, body: unknown): Buffer | undefined {
  const accept = res.req?.headers.accept;
  if (!prefersProtobuf(accept) || !canEncodeProtobuf(body)) return undefined;
  try {
    return encodeProtobufObject(body as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

/** Sends an API object: protobuf when the client asks for it first, JSON otherwise. */
export function sendJson(res: ServerResponse, code: number, body: unknown) {
  if (res.headersSent) {
    res.end();
    return;
  }
  const proto = protobufBody(res, body);
  if (proto) {
    res.writeHead(code, {
      'Content-Type': PROTOBUF_CONTENT_TYPE,
      'Content-Length': proto.length,
      'Cache-Control': 'no-cache, private',
    });
    res.end(proto);
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

export function sendText(res: ServerResponse, code: number, text: string) {
  res.writeHead(code, {
    'Content-Type': 'text/plain',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendError(res: ServerResponse, err: unknown) {
  if (err instanceof ApiError) {
    sendJson(res, err.code, err.status);
    return;
  }
  if (err instanceof PatchError) {
    sendJson(res, 422, {
      ...errors.badRequest(err.message).status,
      code: 422,
      reason: 'Invalid',
    });
    return;
  }
  const message = err instanceof Error ? err.message : String(err);
  sendJson(res, 500, errors.internal(message).status);
}
