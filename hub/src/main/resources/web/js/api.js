// The hub's JSON API, called with the session cookie (set by POST /api/v1/login, HttpOnly).
// The page never keeps the token itself.

/**
 * A failed call: HTTP status (0 when the hub could not be reached), error code and message;
 * `error` is the hub's whole error object (for a bad CSV file it also lists `errors` by line and field).
 */
export class ApiError extends Error {
  constructor(status, code, message, error = {}, retryAfter = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.error = error;
    /** Seconds the hub asked to wait (Retry-After of a 429 or 507), or null. */
    this.retryAfter = retryAfter;
  }
}

let onUnauthorized = () => {};
let onStorageFull = () => {};

/** Called when a call other than login answers 401: the session expired or was revoked. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/** Called when a call answers 507: the hub's disk is full and nothing of the call was stored. */
export function setStorageFullHandler(handler) {
  onStorageFull = handler;
}

/** What staff read when the hub could not store a change because its disk is full. */
const STORAGE_FULL = '乡镇服务器的磁盘已满，这次的操作没有保存。请稍后再试，并联系管理员清理磁盘。';

/**
 * body: an object sent as JSON, or a Blob/File sent as it is (as contentType if given).
 * version: for an edit, the version of the copy being edited (sent as If-Match); the hub answers
 * 412 precondition_failed, with the current state in error.current, if someone changed it since.
 */
async function call(method, path, body, contentType, version) {
  return (await exchange(method, path, body, contentType, version)).data;
}

/** The target of a Link header's rel="next", as the hub writes it (docs/api.md "Paging"); null without one. */
function nextLink(response) {
  const link = response.headers.get('Link') || '';
  const match = /<([^>]*)>\s*;\s*rel="next"/.exec(link);
  return match ? match[1] : null;
}

/** Like call, but answers the parsed body together with the response. */
async function exchange(method, path, body, contentType, version) {
  const init = {
    method,
    credentials: 'same-origin',
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  };
  if (version !== undefined && version !== null) {
    init.headers['If-Match'] = `"${version}"`;
  }
  if (body instanceof Blob) {
    // A file or a recording, sent as it is with the given media type, else its own.
    init.headers['Content-Type'] = contentType || body.type || 'application/octet-stream';
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    throw new ApiError(0, 'network', '连接不上乡镇服务器，请检查网络后再试。');
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch (cause) {
      data = null;
    }
  }
  if (!response.ok) {
    const error = data && data.error ? data.error : {};
    const full = response.status === 507;
    const wait = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    const failure = new ApiError(response.status, error.code || `http_${response.status}`,
        full ? STORAGE_FULL : error.message || `HTTP ${response.status}`, error, Number.isNaN(wait) ? null : wait);
    if (response.status === 401 && path !== '/api/v1/login') {
      onUnauthorized(failure);
    }
    if (full) {
      onStorageFull(failure);
    }
    throw failure;
  }
  return { data, response };
}

export const api = {
  get: (path) => call('GET', path),
  /**
   * One page of a list (docs/api.md "Paging"): { items, next }, next being the path of the
   * following page (from the Link header) or null on the last.
   */
  page: async (path) => {
    const { data, response } = await exchange('GET', path);
    return { items: data || [], next: nextLink(response) };
  },
  /** Every item of a paged list, following its Link headers to the last page. */
  all: async (path) => {
    const items = [];
    for (let at = path; at;) {
      const { data, response } = await exchange('GET', at);
      items.push(...(data || []));
      at = nextLink(response);
    }
    return items;
  },
  post: (path, body) => call('POST', path, body),
  /** An edit of the copy at version (If-Match), when given. */
  put: (path, body, version) => call('PUT', path, body, undefined, version),
  /** A JSON merge patch: only the fields sent change; of the copy at version (If-Match), when given. */
  patch: (path, body, version) => call('PATCH', path, body, undefined, version),
  delete: (path) => call('DELETE', path),
  /** Sends a file's bytes as they are, e.g. a photo (image/jpeg) or a CSV ledger (text/csv). */
  upload: (method, path, blob, contentType) => call(method, path, blob, contentType),
};

/** Builds "path?a=1&b=2" from the non-empty entries of params. */
export function withQuery(path, params) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(name, value);
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
