/** Small HTTP helpers shared by the router and the watch stream. */
import { IncomingMessage, ServerResponse } from 'node:http';
import { PatchError } from '../patch/jsonPatch';
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
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, code: number, body: unknown) {
  if (res.headersSent) {
    res.end();
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
