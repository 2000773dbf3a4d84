import type { SavedTemplate, SaveTemplateBody, TemplateVersionView } from '../../contracts/templates';
import type { Database } from '../db/database';
import { analystKommuner, type AuthContext } from '../auth/auth-context';
import { badRequest, conflict, notFound } from '../http/http-error';
import { writeAuditLog } from '../queries/audit-log';
import { findTemplate } from '../queries/templates';
import { insertTemplateVersion, latestTemplateVersion, listTemplateVersions } from '../queries/template-versions';
import type { TemplateDefinition } from '../../domain/templates/template-schema';
import { validateTemplate } from '../../domain/templates/validate-template';
import { sanitizeSurveyHtml } from '../../domain/templates/sanitize-html';
import { chooseKommun } from './campaigns';

/**
 * The id a kommun's edit of a template is saved under.
 *
 * Rule: a kommun-owned template keeps its id (the save is its next version).
 * A built-in template (no kommun) is never changed by a kommun: its edit is
 * saved as the kommun's own template `<id>-<kommunkod>` (e.g. `demo-1880`),
 * version 1 the first time and the next version after that. Campaigns hold a
 * frozen copy of the version they were created with, so no save changes a
 * running campaign.
 */
export function editTargetId(id: string, owner: string | null, kommunkod: string): string {
  return owner === null ? `${id}-${kommunkod}` : id;
}

/** A template the user may read: built-in, or owned by a kommun where the user is analyst. 404 otherwise. */
export async function visibleTemplate(db: Database, auth: AuthContext, id: string, version?: number) {
  const template = /^[a-z][a-z0-9-]{0,99}$/.test(id) ? await findTemplate(db, id, version) : undefined;
  if (!template || (template.kommunkod !== null && !analystKommuner(auth).includes(template.kommunkod))) {
    throw notFound(version === undefined ? 'Mallen finns inte.' : `Mallen finns inte i version ${version}.`);
  }
  return template;
}

/**
 * One version of a template (the latest without `version`) with its
 * definition, its version list and where a save would go.
 */
export async function templateForEditing(db: Database, auth: AuthContext, id: string, version?: number): Promise<TemplateVersionView> {
  const template = await visibleTemplate(db, auth, id, version);
  const kommunkod = template.kommunkod ?? analystKommuner(auth)[0] ?? null;
  return {
    id,
    version: template.version,
    kind: template.definition.kind,
    title: template.definition.title,
    kommunkod: template.kommunkod,
    builtIn: template.kommunkod === null,
    definition: template.definition,
    versions: await listTemplateVersions(db, id),
    savesAs: kommunkod === null ? null : editTargetId(id, template.kommunkod, kommunkod),
  };
}

/**
 * Saves an edited definition as a new version (see `editTargetId` for the id).
 * The definition is checked with `validateTemplate`; its `id` and `version`
 * are set by the server, and its `kind` must stay the same. Its HTML is
 * filtered to the allowed set (`sanitizeSurveyHtml`); what was removed is
 * returned.
 *
 * @throws 400 with `details.errors` (path + Swedish message) when invalid;
 *   404 for a template the user cannot see; 409 when another save of the same
 *   template won the race.
 */
export async function saveTemplateVersion(
  db: Database,
  auth: AuthContext,
  id: string,
  input: SaveTemplateBody,
): Promise<SavedTemplate> {
  const source = await visibleTemplate(db, auth, id);
  const kommunkod = source.kommunkod ?? chooseKommun(auth, input.kommunkod);
  const targetId = editTargetId(id, source.kommunkod, kommunkod);
  if (targetId !== id) {
    const existing = await findTemplate(db, targetId);
    if (existing && existing.kommunkod !== kommunkod) throw conflict(`Mallen "${targetId}" finns redan och tillhör någon annan.`);
  }
  const nextVersion = (await latestTemplateVersion(db, targetId)) + 1;
  const candidate =
    typeof input.definition === 'object' && input.definition !== null && !Array.isArray(input.definition)
      ? { ...(input.definition as Record<string, unknown>), id: targetId, version: nextVersion }
      : input.definition;
  const checked = validateTemplate(candidate);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw badRequest(`Mallen är ogiltig: ${first.path ? `${first.path}: ` : ''}${first.message}`, { field: 'definition', errors: checked.errors });
  }
  // HTML is filtered to the allowed set before it is stored (and again whenever it is served).
  const sanitised = sanitizeSurveyHtml(checked.template.survey);
  const template: TemplateDefinition = { ...checked.template, survey: sanitised.survey };
  if (template.kind !== source.definition.kind) {
    throw badRequest(`Mallens typ kan inte ändras (den är "${source.definition.kind}").`, { field: 'definition.kind' });
  }
  const stored = await db.transaction(async (tx) => {
    if (!(await insertTemplateVersion(tx, template, { kommunkod, createdBy: auth.userId }))) return false;
    await writeAuditLog(tx, {
      userId: auth.userId,
      kommunkod,
      action: 'template.save_version',
      details: { templateId: targetId, version: nextVersion, basedOn: { id, version: source.version } },
    });
    return true;
  });
  if (!stored) throw conflict('Någon annan sparade mallen samtidigt. Ladda om och försök igen.');
  return { id: targetId, version: nextVersion, removedHtml: sanitised.removed };
}
