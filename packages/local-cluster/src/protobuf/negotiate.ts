/** Response media type negotiation between JSON and protobuf. */
import { PROTOBUF_CONTENT_TYPE } from './index';

interface MediaRange {
  type: string;
  params: Record<string, string>;
  q: number;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map(part => {
      const [type, ...rawParams] = part.split(';').map(s => s.trim());
      const params: Record<string, string> = {};
      for (const p of rawParams) {
        const [k, v = ''] = p.split('=');
        params[k.trim().toLowerCase()] = v.trim();
      }
      const q = params.q === undefined ? 1 : Number(params.q);
      return { type: type.toLowerCase(), params, q: Number.isNaN(q) ? 0 : q };
    })
    .filter(r => r.type && r.q > 0)
    .sort((a, b) => b.q - a.q); // stable: equal weights keep the client's order
}

/**
 * True when the client's most preferred media type we can serve is
 * protobuf. `as=Table` and other transformed forms are JSON-only here (a real
 * server would also accept them as protobuf, but kubectl asks for JSON).
 */
export function prefersProtobuf(accept: string | undefined): boolean {
  for (const r of parseAccept(accept ?? '')) {
    if (r.type === PROTOBUF_CONTENT_TYPE && !r.params.as) return true;
    if (
      ['application/json', 'application/yaml', 'application/*', '*/*'].includes(
        r.type,
      )
    )
      return false;
  }
  return false;
}
