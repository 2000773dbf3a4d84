/**
 * The vocabulary of campaigns (undersökningar): what kind a campaign is, how
 * respondents reach it and where it is in its life. The database's check
 * constraints (server/db/migrations) allow exactly these values.
 */

/** A population survey (befolkningsenkät) or a screening month (kartläggningsmånad). */
export const CAMPAIGN_KINDS = ['population', 'screening'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** Personal codes in letters, one open link anybody may use, or one link per school class. */
export const CAMPAIGN_MODES = ['codes', 'open', 'classes'] as const;
export type CampaignMode = (typeof CAMPAIGN_MODES)[number];

/** draft → open → closed → archived; no other move is allowed. */
export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** How a response reached the server. */
export const RESPONSE_MODES = ['web', 'paper'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];

/** Staff roles; every grant but admin is tied to a kommun, a län or a unit. */
export const ROLE_NAMES = ['admin', 'analyst', 'screener', 'county_viewer'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
