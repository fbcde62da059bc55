// Reading a download's headers: the file name the server gave (Content-Disposition) and the SHA-256 of the bytes it
// sent (Repr-Digest), which the renderer checks what it received against. The server writes them in transfer-routes.ts.

/** The hex SHA-256 of a `Repr-Digest: sha-256=:<base64>:` header (RFC 9530), undefined when absent. */
export function digestOf(header: string | null): string | undefined {
  const base64 = /sha-256=:([A-Za-z0-9+/=]+):/.exec(header ?? '')?.[1];
  if (base64 === undefined) return undefined;
  return Array.from(atob(base64), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
}

/** The file name of a Content-Disposition header: its UTF-8 `filename*` when present, else `filename`. */
export function fileNameOf(header: string | null): string {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '')?.[1];
  if (extended !== undefined) return decodeURIComponent(extended);
  return /filename="([^"]*)"/i.exec(header ?? '')?.[1] ?? 'download';
}
