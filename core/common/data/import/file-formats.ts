// The file formats an import reads, named once: the API's `format` option, the preview's answer and the
// detectors all take their words from here.
export const FILE_FORMATS = ['delimited', 'jsonl', 'text'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/**
 * How each format is offered by a file picker (the browser's upload field, the desktop's open dialog): a label and
 * the extensions its files usually have. They only filter the picker; the import reads the content.
 */
export const FILE_FORMAT_PICKER: Readonly<Record<FileFormat, { readonly label: string; readonly extensions: readonly string[] }>> = {
  delimited: { label: 'CSV / TSV', extensions: ['csv', 'tsv'] },
  jsonl: { label: 'JSON Lines', extensions: ['jsonl', 'ndjson'] },
  text: { label: 'Text', extensions: ['txt', 'text'] },
};

/** What a person may ask for: one format, or `auto` to detect it from the file. */
export const FORMAT_CHOICES = ['auto', ...FILE_FORMATS] as const;
export type FormatChoice = (typeof FORMAT_CHOICES)[number];

/** The formats read as a table of records (text is read whole). */
export type TableFormatChoice = Exclude<FormatChoice, 'text'>;
