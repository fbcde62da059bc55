// Saves bytes the renderer holds (a chart's PNG or CSV, a file downloaded from the server) as a download, in Electron
// and in a browser alike.

/** Offers `url` (a data: or blob: URL) for download as `fileName`. */
export function saveUrl(fileName: string, url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
}

/** Offers `blob` for download as `fileName`. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  saveUrl(fileName, url);
  // the click has started the download; the URL is only needed until then
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Offers `text` for download as `fileName` with MIME type `type`. */
export function saveText(fileName: string, text: string, type: string): void {
  saveBlob(fileName, new Blob([text], { type }));
}
