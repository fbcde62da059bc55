// What a person writes on a run (and an experiment) to find it again: its name, tags and notes. The limits live here
// beside the schemas that enforce them; the API contract and the runs table read both from here.
import { z } from 'zod';

/**
 * name: characters of a run's name; tag: characters of one tag; tags: tags on one run or experiment;
 * notes: characters of a run's notes or an experiment's description.
 */
export const RUN_ANNOTATION_LIMITS = {
  name: { max: 120 },
  tag: { max: 40 },
  tags: { max: 20 },
  notes: { max: 10_000 },
} as const;

export const runNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty; give the run a name of at least one character')
  .max(RUN_ANNOTATION_LIMITS.name.max, `must be at most ${RUN_ANNOTATION_LIMITS.name.max} characters`);

export const tagSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(RUN_ANNOTATION_LIMITS.tag.max, `must be at most ${RUN_ANNOTATION_LIMITS.tag.max} characters; shorten the tag`);

/** Tags in the order given, duplicates (ignoring case) refused so a filter by tag finds each run once. */
export const tagsSchema = z
  .array(tagSchema)
  .max(RUN_ANNOTATION_LIMITS.tags.max, `must be at most ${RUN_ANNOTATION_LIMITS.tags.max} tags`)
  .superRefine((tags, context) => {
    const seen = new Set<string>();
    tags.forEach((tag, index) => {
      const key = tag.toLowerCase();
      if (seen.has(key)) context.addIssue({ code: 'custom', path: [index], message: `"${tag}" is given twice (tags ignore case)` });
      seen.add(key);
    });
  });

export const notesSchema = z.string().max(RUN_ANNOTATION_LIMITS.notes.max, `must be at most ${RUN_ANNOTATION_LIMITS.notes.max} characters`);
