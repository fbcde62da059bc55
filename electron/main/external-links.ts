// Links the app may hand to the system browser (shell.openExternal). Anything else is refused: openExternal
// starts whatever program a scheme is registered to (file:, smb:, custom handlers), so it takes only https
// to a few documentation sites, named here.

/**
 * Hosts an external link may go to, exactly (no subdomains): the project's code and issues, and the docs
 * of the formats SeqLab exports (ONNX, onnxruntime, PyTorch layouts, safetensors). Add a host here, with
 * its reason, when the app gains a link to it.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = ['github.com', 'onnx.ai', 'onnxruntime.ai', 'pytorch.org', 'huggingface.co'];

/**
 * The link as the URL parser writes it (tabs and newlines dropped, characters escaped) when it is https, on
 * the default port, without credentials, to a host in EXTERNAL_LINK_HOSTS; otherwise null.
 */
export function allowedExternalUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const allowed =
    parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && EXTERNAL_LINK_HOSTS.includes(parsed.hostname);
  return allowed ? parsed.href : null;
}

export function isAllowedExternalUrl(url: string): boolean {
  return allowedExternalUrl(url) !== null;
}

/**
 * Opens `url` in the system browser when allowed, as the parser wrote it (never the raw text the page gave);
 * otherwise notes the refusal. Resolves either way.
 */
export async function openExternalIfAllowed(openExternal: (url: string) => Promise<void>, url: string, notice: (line: string) => void): Promise<void> {
  const allowed = allowedExternalUrl(url);
  if (allowed === null) {
    notice(`refused to open ${JSON.stringify(url.slice(0, 200))} outside the app: only https links to ${EXTERNAL_LINK_HOSTS.join(', ')} are opened.`);
    return;
  }
  try {
    await openExternal(allowed);
  } catch (error) {
    notice(`could not open ${allowed}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
