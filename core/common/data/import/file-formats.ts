// The file formats an import reads, named once: the API's `format` option, the preview's answer and the
// detectors all take their words from here.
export const FILE_FORMATS = ['delimited', 'jsonl', 'text'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** What a person may ask for: one format, or `auto` to detect it from the file. */
export const FORMAT_CHOICES = ['auto', ...FILE_FORMATS] as const;
export type FormatChoice = (typeof FORMAT_CHOICES)[number];

/** The formats read as a table of records (text is read whole). */
export type TableFormatChoice = Exclude<FormatChoice, 'text'>;
