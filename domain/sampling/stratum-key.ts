/** A sampling stratum as variable → value, e.g. { kon: 'kvinna', aldersgrupp: '18-29', omrade: 'norr' }. */
export type StratumValues = Readonly<Record<string, string>>;

/**
 * A stable key for a stratum: its variables in name order, e.g.
 * `aldersgrupp=18-29|kon=kvinna|omrade=norr`. The server keys codes and
 * n_h/N_h by it, and the draw seeds each stratum's generator with it.
 * @example
 * stratumKeyOf({ omrade: 'norr', kon: 'man' }); // 'kon=man|omrade=norr'
 */
export function stratumKeyOf(stratum: StratumValues): string {
  return Object.keys(stratum)
    .sort()
    .map((name) => `${name}=${stratum[name]}`)
    .join('|');
}
