/**
 * Wire schemas of class links (campaign mode `classes`, docs/api.md "Class
 * links"): a teacher runs the survey in a lesson with one link per class, no
 * personal codes. Respondents use the open-link API with the class's token.
 */
import { z } from 'zod';
import { list } from './common';

const safeText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !/^[=+\-@]/.test(text), 'får inte börja med =, +, - eller @')
    .refine((text) => !/[;"\r\n\t]/.test(text), 'får inte innehålla semikolon, citattecken, tabb eller radbrytning');

/** One class to add: school, class name, årskurs (e.g. "9", "gy2") and the number of pupils in it. */
export const classInput = z.strictObject({
  skola: safeText(100),
  klass: safeText(50),
  arskurs: safeText(20),
  elever: z.number().int().min(1).max(200),
});
export type ClassInput = z.infer<typeof classInput>;

/** Body of POST /api/campaigns/:id/classes. */
export const createClassesBody = z.strictObject({
  classes: z
    .array(classInput)
    .min(1, 'minst en klass')
    .max(500)
    .refine(
      (classes) => new Set(classes.map((c) => `${c.skola.toLowerCase()}\u0000${c.klass.toLowerCase()}`)).size === classes.length,
      'samma klass på samma skola förekommer två gånger',
    ),
});
export type CreateClassesBody = z.infer<typeof createClassesBody>;

/** Body of PATCH /api/campaigns/:id/classes/:classId: the class's number of pupils (not below the answers taken). */
export const patchClassBody = z.strictObject({ elever: classInput.shape.elever });

/** A class with its link `/o/<token>` (the token is unguessable: 128 random bits). */
export const classLinkResponse = z.object({
  id: z.string(),
  skola: z.string(),
  klass: z.string(),
  arskurs: z.string(),
  elever: z.number(),
  link: z.string(),
});
export type ClassLink = z.infer<typeof classLinkResponse>;

/** Answer of POST /api/campaigns/:id/classes (201, the classes added) and GET …/classes (all of them). */
export const classesResponse = z.object({ classes: list(classLinkResponse) });
export type Classes = z.infer<typeof classesResponse>;

/** One class in `GET /api/campaigns/:id/progress` → `byClass`: the response rate per class and school. */
export const classProgress = z.object({
  id: z.string(),
  skola: z.string(),
  klass: z.string(),
  arskurs: z.string(),
  elever: z.number(),
  /** Submissions the class link has taken (counted at once; in exports only after their batch). */
  completed: z.number(),
});
export type ClassProgress = z.infer<typeof classProgress>;
