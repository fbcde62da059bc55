// Saves bytes the renderer made (a chart's PNG or CSV) as a download, in Electron and in a browser alike.

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

/** Offers `text` for download as `fileName` with MIME type `type`. */
export function saveText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveUrl(fileName, url);
  // the click has started the download; the URL is only needed until then
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
