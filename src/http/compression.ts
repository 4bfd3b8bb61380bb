// Response compression (brotli or gzip, as the client accepts) for bodies worth it, and the GraphiQL
// page (9 MB of HTML and script, the same for every visitor) compressed once, with an ETag and
// Cache-Control so a browser fetches it once. Request bodies are never decompressed: a small
// compressed body could expand past the body limit.
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';
import { entityTag, noneMatchHits } from './etag.js';

/** Bodies under this many bytes go as they are: compressing them costs more than it saves. */
export const MIN_COMPRESSED_BYTES = 1_024;

const compressors = {
  // Quality 5: most of brotli's gain at a few milliseconds for a large JSON answer.
  br: (data: Uint8Array, quality = 5) => promisify(brotliCompress)(data, { params: { [constants.BROTLI_PARAM_QUALITY]: quality } }),
  gzip: (data: Uint8Array) => promisify(gzip)(data, { level: 6 }),
};
type Encoding = keyof typeof compressors;

function acceptedEncoding(header: string | null): Encoding | null {
  if (!header) return null;
  const offered = header.split(',').map((part) => {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { name: name!.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
  });
  for (const encoding of ['br', 'gzip'] as const) {
    if (offered.some((o) => o.name === encoding && o.q > 0)) return encoding;
  }
  return null;
}

/** The GraphiQL page, compressed once per encoding (it is the same page for everyone). */
type PageCache = Map<string, { etag: string; bodies: Map<Encoding, Uint8Array> }>;

export function useCompression(): Plugin {
  const pages: PageCache = new Map();
  return {
    // Not async: a response left as it is, as most answers are, goes on in the same tick.
    onResponse({ request, response, setResponse, fetchAPI }) {
      const type = response.headers.get('content-type') ?? '';
      const isPage = type.startsWith('text/html');
      if (response.status === 304 || (!isPage && !type.includes('json'))) return;
      const encoding = acceptedEncoding(request.headers.get('accept-encoding'));
      // Most answers are small or not asked compressed: left untouched, at no cost. Checked before
      // `response.body`, which makes a stream of a body that would otherwise be written as it is.
      if (!isPage && (!encoding || Number(response.headers.get('content-length') ?? Infinity) < MIN_COMPRESSED_BYTES)) return;
      if (!response.body || response.headers.has('content-encoding')) return;
      return compressed(request, response, encoding, isPage ? pages : undefined, fetchAPI).then(setResponse);
    },
  };
}

/** The response compressed; `pages` given: a page, cached with its ETag, or 304 when the client holds it. */
async function compressed(request: Request, response: Response, encoding: Encoding | null, pages: PageCache | undefined, fetchAPI: { Response: typeof Response; Headers: typeof Headers }): Promise<Response> {
  const raw = new Uint8Array(await response.arrayBuffer());
  const headers = new fetchAPI.Headers(response.headers);
  headers.append('vary', 'Accept-Encoding');
  let body: Uint8Array = raw;
  if (pages) {
    const key = `${raw.length}`;
    let page = pages.get(key);
    if (!page) {
      page = { etag: createHash('sha256').update(raw).digest('hex').slice(0, 32), bodies: new Map() };
      pages.set(key, page);
    }
    // A strong tag names bytes: the plain, gzip and br bodies are three representations, three tags.
    const tag = `${page.etag}${encoding ? `-${encoding}` : ''}`;
    headers.set('etag', entityTag(tag));
    headers.set('cache-control', 'public, max-age=3600');
    if (noneMatchHits(request.headers.get('if-none-match'), tag)) return new fetchAPI.Response(null, { status: 304, headers });
    if (encoding) {
      if (!page.bodies.has(encoding)) page.bodies.set(encoding, encoding === 'br' ? await compressors.br(raw, 9) : await compressors.gzip(raw));
      body = page.bodies.get(encoding)!;
    }
  } else if (encoding && raw.length >= MIN_COMPRESSED_BYTES) {
    body = await compressors[encoding](raw);
  }
  if (body !== raw) headers.set('content-encoding', encoding!);
  headers.set('content-length', String(body.length));
  return new fetchAPI.Response(body as Uint8Array<ArrayBuffer>, { status: response.status, statusText: response.statusText, headers });
}
